using PcapSipAnalyzer.Synthesizer.Truth;
using PcapSipAnalyzer.Synthesizer.Wire;

namespace PcapSipAnalyzer.Synthesizer.Voip;

/// <summary>A desk phone or softphone and the state of its current registration transaction.</summary>
public sealed class Phone
{
    public Phone(int index, Host host, ushort port, string extension, bool inSubnetB, RegistrationOutcome outcome, string callId)
    {
        Index = index;
        Host = host;
        Port = port;
        Extension = extension;
        InSubnetB = inSubnetB;
        Outcome = outcome;
        CallId = callId;
    }

    public int Index { get; }
    public Host Host { get; }
    public ushort Port { get; }
    public string Extension { get; }
    public bool InSubnetB { get; }
    public RegistrationOutcome Outcome { get; }

    /// <summary>Kept for all registrations of the phone, as real phones do.</summary>
    public string CallId { get; }

    public ulong FromTag { get; set; }
    public int CSeq { get; set; }
    public ulong Branch { get; set; }
    public ulong Nonce { get; set; }
    public ulong Digest { get; set; }
    public ulong ServerTag { get; set; }

    /// <summary>Whether the current REGISTER carries credentials.</summary>
    public bool Authenticated { get; set; }

    /// <summary>When the current REGISTER was first sent (timer F runs from here).</summary>
    public long TransactionStart { get; set; }

    public long RetransmitInterval { get; set; }

    /// <summary>Responses the PBX sent for the current transaction (more than one = retransmitted).</summary>
    public int RepliesSent { get; set; }

    /// <summary>Whether the wrong gateway answers this phone's misrouted responses with ICMP redirects.</summary>
    public bool RedirectedByWrongGateway { get; init; }

    /// <summary>IP header + 8 bytes of the last misrouted response, for the wrong gateway's ICMP redirect.</summary>
    public byte[]? QuotedResponse { get; set; }

    public bool EverRegistered { get; set; }
    public int Calls { get; set; }

    public RegistrationClientTruth? Truth { get; set; }
}
