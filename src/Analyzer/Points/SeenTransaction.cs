using PcapSipAnalyzer.Analyzer.Sip;

namespace PcapSipAnalyzer.Analyzer.Points;

/// <summary>
/// One SIP transaction across capture points: the per-point transactions that share messages, and each of
/// its messages with the points that saw it.
/// </summary>
public sealed class SeenTransaction
{
    /// <summary>The transaction at each point that saw it, in point order.</summary>
    public List<Transaction> Transactions { get; } = new();
    /// <summary>Every transmission, in order of first sighting on the reference clock.</summary>
    public List<SeenMessage> Messages { get; } = new();
    /// <summary>
    /// The client as it sent its request ("ip:port" at the point nearest to it): behind a NAT, the address
    /// before translation, so one client keeps one name at every point.
    /// </summary>
    public string Client { get; internal set; } = "";
    /// <summary>The server as the request reached it ("ip:port" at the point nearest to it).</summary>
    public string Server { get; internal set; } = "";

    public Transaction Primary => Transactions[0];

    public bool HasResponse
    {
        get
        {
            foreach (var m in Messages) if (m.Kind == MessageKind.Response) return true;
            return false;
        }
    }

    public override string ToString() => $"{Primary.Method} {Primary.CSeq} {Primary.CallId} {Client} at {Transactions.Count} points";
}
