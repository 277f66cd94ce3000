using PcapSipAnalyzer.Synthesizer.Truth;
using PcapSipAnalyzer.Synthesizer.Wire;

namespace PcapSipAnalyzer.Synthesizer.Voip;

/// <summary>A call between a phone and the PBX, as UAC (who sent the INVITE) and UAS.</summary>
public sealed class Call
{
    public Call(int index, Phone phone, CallTruth truth)
    {
        Index = index;
        Phone = phone;
        Truth = truth;
    }

    public int Index { get; }
    public Phone Phone { get; }
    public CallTruth Truth { get; }

    public required Host Uac { get; init; }
    public required ushort UacPort { get; init; }
    public required string UacUser { get; init; }
    public required Host Uas { get; init; }
    public required ushort UasPort { get; init; }
    public required string UasUser { get; init; }

    /// <summary>The host part of the INVITE's Request-URI.</summary>
    public required string RequestHost { get; init; }

    public required string CallId { get; init; }
    public ulong FromTag { get; init; }
    public ulong ToTag { get; init; }
    public ulong InviteBranch { get; init; }
    public ulong SessionId { get; init; }
    public ushort UacMediaPort { get; init; }
    public ushort UasMediaPort { get; init; }
    public int PayloadType { get; init; }

    public CallState State { get; set; }
    public bool ByeFromUac { get; set; }
    public ulong ByeBranch { get; set; }
    public RtpStream? ToUas { get; set; }
    public RtpStream? ToUac { get; set; }
}
