using PcapSipAnalyzer.Analyzer.Sip;
using static PcapSipAnalyzer.Analyzer.Tests.Sip.SipFlow;

namespace PcapSipAnalyzer.Analyzer.Tests.Sip;

/// <summary>
/// The tshark-style resend count of engines that share a <see cref="SipStateBudget"/> (one per capture point):
/// one detector for all of them, each point's copies kept apart, each engine counting what its own messages evicted.
/// </summary>
public class SharedResendDetectorTests
{
    private const string Pbx = "10.10.0.10:5060";
    private const string Phone = "10.20.0.5:5060";

    [Fact]
    public void The_same_request_at_two_points_is_no_resend_but_its_copy_at_one_point_is()
    {
        var budget = new SipStateBudget();
        var engines = new[] { new SipEngine(budget: budget), new SipEngine(budget: budget) };
        var options = Request("OPTIONS", "ping", 1, "z9hG4bK-1", Phone);
        for (int point = 0; point < 2; point++)
            engines[point].OnMessage(Meta(1 + point, 0, Phone, Pbx) with { Point = point }, options);
        engines[1].OnMessage(Meta(3, 0.5, Phone, Pbx) with { Point = 1 }, options);

        Assert.Equal(0, engines[0].Statistics.Retransmissions);
        Assert.Equal(1, engines[1].Statistics.Retransmissions);
    }

    [Fact]
    public void Engines_spread_over_many_points_keep_and_evict_what_one_engine_would()
    {
        // Two generations of 10 entries for the whole analysis, however many points the Call-IDs spread over.
        var options = new SipEngineOptions { MaxResendEntries = 10 };
        var budget = new SipStateBudget();
        var engines = Enumerable.Range(0, 8).Select(_ => new SipEngine(options, budget)).ToArray();
        var alone = new SipEngine(options);
        const int Calls = 100;
        for (int i = 0; i < Calls; i++)
        {
            int point = i % engines.Length;
            var ping = Request("OPTIONS", $"call-{i}", 1, $"z9hG4bK-{i}", Phone);
            engines[point].OnMessage(Meta(i + 1, i * 0.001, Phone, Pbx) with { Point = point }, ping);
            alone.OnMessage(Meta(i + 1, i * 0.001, Phone, Pbx), ping);
        }
        foreach (var engine in engines) engine.Finish(T0 + 200 * Second);
        alone.Finish(T0 + 200 * Second);

        Assert.Equal(Calls - 10, alone.Statistics.Evictions.ResendEntries);
        Assert.Equal(alone.Statistics.Evictions.ResendEntries, engines.Sum(e => e.Statistics.Evictions.ResendEntries));
    }

    [Fact]
    public void What_the_messages_after_the_last_tick_evicted_is_counted_when_the_capture_ends()
    {
        // Every message in one instant, the capture ending at it: the timers never tick after the first message.
        var engine = new SipEngine(new SipEngineOptions { MaxResendEntries = 10 });
        const int Calls = 100;
        for (int i = 0; i < Calls; i++)
            engine.OnMessage(Meta(i + 1, 0, Phone, Pbx), Request("OPTIONS", $"call-{i}", 1, $"z9hG4bK-{i}", Phone));
        engine.Finish(T0);

        Assert.Equal(Calls - 10, engine.Statistics.Evictions.ResendEntries);
    }
}
