using System.Collections.Concurrent;
using PcapSipAnalyzer.TestSupport;

namespace PcapSipAnalyzer.EndToEnd.Tests.Acceptance;

/// <summary>
/// One SIP message as tshark dissects it. A TCP segment may carry several messages: each gets a row, from the
/// n-th occurrence of the per-message fields (every message has a CSeq and a Call-ID).
/// </summary>
public sealed record TsharkSipRow(long Frame, bool? IsRequest, string CSeqMethod, string CallId, long CSeq, string Source, string Destination)
{
    private static readonly ConcurrentDictionary<string, Lazy<List<TsharkSipRow>>> Cache = new();

    /// <summary>Every SIP message of <paramref name="file"/> outside ICMP quotes, asked of tshark once per test run.</summary>
    public static List<TsharkSipRow> Of(string file) => Cache.GetOrAdd(file, f => new Lazy<List<TsharkSipRow>>(() => Read(f))).Value;

    private static List<TsharkSipRow> Read(string file)
    {
        var rows = new List<TsharkSipRow>();
        foreach (var r in Tshark.Fields(file, "sip && !icmp",
                     ["frame.number", "sip.Method", "sip.Status-Code", "sip.CSeq.method", "sip.Call-ID", "sip.CSeq.seq", "ip.src", "ip.dst"],
                     "-n", "-E", "occurrence=a", "-E", "aggregator=|"))
        {
            string[] Split(string v) => v.Length == 0 ? [] : v.Split('|');
            var methods = Split(r[1]);
            var statuses = Split(r[2]);
            var cseqMethods = Split(r[3]);
            var callIds = Split(r[4]);
            var cseqs = Split(r[5]);
            // Requests only, responses only, or a mix whose order the fields do not tell.
            bool? request = methods.Length == cseqMethods.Length ? true : statuses.Length == cseqMethods.Length ? false : null;
            for (int i = 0; i < cseqMethods.Length; i++)
                rows.Add(new TsharkSipRow(long.Parse(r[0]), request, cseqMethods[i], callIds[i], long.Parse(cseqs[i]), r[6].Split('|')[0], r[7].Split('|')[0]));
        }
        return rows;
    }
}
