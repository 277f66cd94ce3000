using PcapSipAnalyzer.Analyzer.Rtp;
using PcapSipAnalyzer.Analyzer.Sip;
using PcapSipAnalyzer.Analyzer.Tests.Rtp;
using static PcapSipAnalyzer.Analyzer.Tests.Sip.SipFlow;

namespace PcapSipAnalyzer.Analyzer.Tests.Sip;

/// <summary>
/// The report's kept state is bounded in bytes as well as in items: with the count cap far away, a long capture
/// still stops growing once the kept items' estimated bytes reach the budget, and every item that goes is counted.
/// </summary>
public class RetainedBytesTests
{
    private const string Pbx = "10.10.0.10:5060";
    private const string Phone = "10.20.0.5:5060";

    [Fact]
    public void Past_the_byte_budget_transactions_are_counted_not_kept_and_a_large_noteworthy_one_pushes_out_routine_ones()
    {
        const long Budget = 40_000;
        var flow = new SipFlow(new SipEngineOptions { MaxRetainedTransactions = 10_000, MaxRetainedTransactionBytes = Budget });
        double t = 0;
        for (int i = 0; i < 200; i++, t += 1)
        {
            var ping = Request("OPTIONS", $"ok-{i}", 1, $"z9hG4bK-ok-{i}", Phone);
            flow.Send(t, Phone, Pbx, ping);
            flow.Send(t + 0.01, Pbx, Phone, Response(ping, 200));
        }
        // The routes changed: the phone retransmits each request ten times (a kept transaction three to four times larger).
        for (int i = 0; i < 3; i++, t += 40)
        {
            var ping = Request("OPTIONS", $"lost-{i}", 1, $"z9hG4bK-lost-{i}", Phone);
            for (int copy = 0; copy < 10; copy++) flow.Send(t + copy * 0.5, Phone, Pbx, ping);
        }
        flow.Finish(t + 60);

        var kept = flow.Engine.Transactions;
        long routineSize = RetainedSize.Of(kept[0]);
        Assert.True(kept.Sum(RetainedSize.Of) <= Budget);
        // Far below the count cap: the bytes stopped it.
        Assert.InRange(kept.Count, 10, (int)(Budget / routineSize));
        var lost = kept.Where(k => k.CallId!.StartsWith("lost-", StringComparison.Ordinal)).Select(k => k.CallId).ToList();
        Assert.Equal(["lost-0", "lost-1", "lost-2"], lost);
        Assert.True(RetainedSize.Of(kept.Single(k => k.CallId == "lost-0")) > 3 * routineSize);
        // The routine ones that stay are the earliest, in order; each one that went is counted.
        var routine = kept.Where(k => k.CallId!.StartsWith("ok-", StringComparison.Ordinal)).Select(k => k.CallId);
        Assert.Equal(Enumerable.Range(0, kept.Count - 3).Select(i => $"ok-{i}"), routine);
        Assert.Equal(203 - kept.Count, flow.Engine.Statistics.Evictions.TransactionsNotRetained);
    }

    [Fact]
    public void Past_the_byte_budget_dialogs_and_registrations_are_counted_not_kept()
    {
        var flow = new SipFlow(new SipEngineOptions { MaxRetainedRegistrationBytes = 20_000, MaxRetainedDialogBytes = 20_000 });
        double t = 0;
        for (int i = 0; i < 100; i++, t += 1)
        {
            string phone = $"10.20.1.{i}:5060";
            var register = WithContact(Request("REGISTER", $"reg-{i}", 1, $"z9hG4bK-reg-{i}", phone,
                fromUri: $"sip:{1000 + i}@pbx.example", toUri: $"sip:{1000 + i}@pbx.example"), $"sip:{1000 + i}@{phone}", 120);
            flow.Send(t, phone, Pbx, register);
            flow.Send(t + 0.01, Pbx, phone, WithContact(Response(register, 200, "t"), $"sip:{1000 + i}@{phone}", 120));
            var invite = Request("INVITE", $"call-{i}", 1, $"z9hG4bK-inv-{i}", phone);
            flow.Send(t + 0.1, phone, Pbx, invite);
            flow.Send(t + 0.2, Pbx, phone, Response(invite, 486, "busy"));
        }
        flow.Finish(t + 60);

        var engine = flow.Engine;
        Assert.True(engine.Registrations.Sum(RetainedSize.Of) <= 20_000);
        Assert.InRange(engine.Registrations.Count, 1, 99);
        Assert.Equal(100 - engine.Registrations.Count, engine.Statistics.Evictions.RegistrationsNotRetained);
        Assert.True(engine.Dialogs.Sum(RetainedSize.Of) <= 20_000);
        Assert.InRange(engine.Dialogs.Count, 1, 99);
        Assert.Equal(100 - engine.Dialogs.Count, engine.Statistics.Evictions.DialogsNotRetained);
        // Dialogs have no routine ones to give way: the first ones stay.
        Assert.Equal(Enumerable.Range(0, engine.Dialogs.Count).Select(i => $"call-{i}"), engine.Dialogs.Select(d => d.CallId));
    }

    [Fact]
    public void A_noteworthy_item_pushes_out_the_latest_routine_ones_until_it_fits_within_the_noteworthy_share()
    {
        var list = new RetainedList<string>(capacity: 100, byteCapacity: 50);
        foreach (var name in (string[])["a", "b", "c", "d", "e"]) Assert.Equal(0, list.Add(name, noteworthy: false, bytes: 10));

        // 35 bytes need four routine items of 10 to go: e (its slot), d, c, b.
        Assert.Equal(4, list.Add("N", noteworthy: true, bytes: 35));
        Assert.Equal(0, list.Add("f", noteworthy: false, bytes: 5));
        Assert.Equal(["a", "N", "f"], list.Items);
        Assert.Equal(50, list.Bytes);

        // After the gaps closed, the latest routine item is still found where it now is.
        Assert.Equal(1, list.Add("M", noteworthy: true, bytes: 3));
        Assert.Equal(["a", "N", "M"], list.Items);
        Assert.Equal(48, list.Bytes);
        // Noteworthy items hold 38 bytes, the most they may (50 less a quarter): the routine one left stays.
        Assert.Equal(1, list.Add("O", noteworthy: true, bytes: 3));
        Assert.Equal(1, list.Add("g", noteworthy: false, bytes: 10));
        Assert.Equal(0, list.Add("h", noteworthy: false, bytes: 2));
        Assert.Equal(["a", "N", "M", "h"], list.Items);
    }

    [Fact]
    public void Once_no_routine_item_sized_so_far_would_fit_a_routine_newcomer_is_refused_unsized_and_counted()
    {
        var list = new RetainedList<string>(capacity: 100, byteCapacity: 50);
        int sized = 0;
        long SizeOf(string item)
        {
            sized++;
            return item.Length * 10;
        }
        foreach (var name in (string[])["aa", "bb"]) Assert.Equal(0, list.Add(name, noteworthy: false, SizeOf));
        // 40 of 50 bytes kept, the smallest routine item 20: a routine newcomer goes without being sized.
        Assert.Equal(1, list.Add("cc", noteworthy: false, SizeOf));
        Assert.Equal(1, list.Add("d", noteworthy: false, SizeOf));
        Assert.Equal(2, sized);
        // A noteworthy one is still sized, and kept where it fits.
        Assert.Equal(0, list.Add("N", noteworthy: true, SizeOf));
        Assert.Equal(3, sized);
        Assert.Equal(["aa", "bb", "N"], list.Items);
        Assert.Equal(50, list.Bytes);
    }

    [Fact]
    public void Where_the_count_binds_a_noteworthy_item_replaces_a_routine_one_as_before()
    {
        var list = new RetainedList<string>(capacity: 3, byteCapacity: 50);
        foreach (var name in (string[])["a", "b", "c"]) Assert.Equal(0, list.Add(name, noteworthy: false, bytes: 10));
        Assert.Equal(1, list.Add("N", noteworthy: true, bytes: 10));
        Assert.Equal(1, list.Add("M", noteworthy: true, bytes: 10));
        Assert.Equal(1, list.Add("O", noteworthy: true, bytes: 10));
        Assert.Equal(1, list.Add("P", noteworthy: true, bytes: 10));
        Assert.Equal(["O", "M", "N"], list.Items);
    }

    [Fact]
    public void Past_the_byte_budget_of_time_series_a_stream_keeps_one_slice_and_is_counted()
    {
        var engine = new RtpEngine(new RtpEngineOptions { MaxTimeSeriesBytes = 2 * RtpTimeSeries.SlicesBytes });
        var buffer = SyntheticRtp.Packet(0, 0, 1);
        long frame = 0;
        // Three streams of 2 s, interleaved.
        for (int i = 0; i < 100; i++)
            foreach (uint ssrc in (uint[])[1, 2, 3])
            {
                SyntheticRtp.Write(buffer, (ushort)i, (uint)(i * 160), ssrc);
                engine.OnUdp(SyntheticRtp.Meta("10.0.0.1", 4000, "10.0.0.2", 5000, ++frame, 1_000_000_000L + i * 20_000_000L), buffer);
            }
        var streams = engine.Streams.OrderBy(s => s.Ssrc).ToList();
        Assert.Equal(3, streams.Count);
        Assert.True(streams[0].TimeSeries.HasSlices && streams[1].TimeSeries.HasSlices);
        Assert.False(streams[2].TimeSeries.HasSlices);
        Assert.True(streams[2].TimeSeries.Folded);
        Assert.Equal(1, engine.Counters.TimeSeriesNotKept);
    }
}
