using PcapSipAnalyzer.Analyzer.Findings;
using PcapSipAnalyzer.Analyzer.Sip;

namespace PcapSipAnalyzer.Analyzer.Paths;

/// <summary>The evidence for one problem of one client, gathered before it is written up as one finding.</summary>
internal sealed class PathProblem(string client, FindingKind kind)
{
    public string Client { get; } = client;
    public FindingKind Kind { get; } = kind;
    public List<TransactionPath> Paths { get; } = new();
    public List<TcpHandshake> Handshakes { get; } = new();
    public List<Registration> Registrations { get; } = new();
    /// <summary>For a call to a phone whose NAT binding expired: the phone's registration from that address.</summary>
    public TransactionPath? RegisteredFrom { get; set; }
    /// <summary>For connections nobody answered: the server's unanswered ARP requests for the client.</summary>
    public NeighborLookups.Lookup? ClientLookup { get; set; }
    /// <summary>For refused registrations: the guessing from many addresses this client takes part in, if any.</summary>
    public GuessingGroup? GuessingGroup { get; set; }

    /// <summary>The transaction that tells the story best: an authenticated REGISTER whose answer was lost, else any REGISTER, else the first.</summary>
    public TransactionPath KeyPath =>
        Paths.Find(p => p.Transaction.Method == "REGISTER" && p.Authenticated && p.Delivery == ResponseDelivery.NotDelivered)
        ?? Paths.Find(p => p.Transaction.Method == "REGISTER")
        ?? Paths[0];
}
