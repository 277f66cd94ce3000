namespace PcapSipAnalyzer.Synthesizer;

/// <summary>Hostile captures that test bounded state (issue 9 §3) instead of a realistic VoIP mix.</summary>
public enum FloodKind
{
    /// <summary>No flood: the realistic VoIP mix.</summary>
    None,

    /// <summary>Many distinct Call-IDs, each an INVITE that is never answered.</summary>
    CallIds,

    /// <summary>Many distinct UDP 5-tuples carrying RTP-looking payloads.</summary>
    UdpFlows,

    /// <summary>TCP streams to port 5060 that never end a SIP message.</summary>
    TcpEndless,

    /// <summary>IPv4 fragments whose datagrams never complete.</summary>
    Fragments,

    /// <summary>One SIP request over TCP whose header is many megabytes long.</summary>
    HugeHeader,

    /// <summary>A SIPVicious-style REGISTER/OPTIONS scan: one request per source address, all through one router MAC.</summary>
    RegisterScan,

    /// <summary>A SIP header section of many megabytes over TCP in 10-byte segments.</summary>
    TinySegments,

    /// <summary>Many TCP connections, one 20-byte segment each, whose keys collided under the unseeded hash.</summary>
    CollidingConnections,

    /// <summary>One answered call with many in-dialog requests, each followed by a re-sent ACK of the INVITE.</summary>
    InDialogAcks,

    /// <summary>One INVITE answered by many forked 180 Ringing, each with its own To tag.</summary>
    ForkedRinging,

    /// <summary>One record of hundreds of megabytes between two SIP messages.</summary>
    HugeRecord,

    /// <summary>One dialog with many in-dialog UPDATEs, each with SDP.</summary>
    DialogRequests,

    /// <summary>As <see cref="DialogRequests"/>, with 64 m= lines per SDP.</summary>
    DialogMedia,

    /// <summary>Many challenged REGISTERs on one Call-ID: one registration attempt that never closes.</summary>
    RegisterRefreshes,

    /// <summary>REGISTERs with 2 000 Contacts each, answered with all of them.</summary>
    RegisterContacts,

    /// <summary>INVITEs with 1 000 m= lines each.</summary>
    InviteMedia,

    /// <summary>Distinct Call-IDs spread over 1 024 pcapng interfaces (capture points).</summary>
    InterfaceCallIds,

    /// <summary>TCP connections that each send half a SIP message.</summary>
    TcpHalfMessages,

    /// <summary>TCP connections that each send one 20-byte segment.</summary>
    TcpTinySegments,

    /// <summary>RTP packets each with a new SSRC and source port inside --rtp-ports.</summary>
    RtpSsrcs,

    /// <summary>Password guesses for one extension from one address, each a registration refused with 403.</summary>
    PasswordGuessing,

    /// <summary>The same guesses from 500 addresses taking turns, a few each.</summary>
    DistributedGuessing,

    /// <summary>Guesses for 40 extensions from 200 addresses, two users each, under 20 guesses for any one user.</summary>
    PasswordSpraying,

    /// <summary>200 phones with two lines each, every attempt refused and under a Call-ID of its own: each user from one address.</summary>
    LinesRefused,

    /// <summary>One internet address trying one guess for each of --count extensions (2001 on), each refused.</summary>
    SprayFromOneAddress,

    /// <summary>A gateway of the site registering its 24 lines, refused, each line retrying under its own Call-ID.</summary>
    GatewayLinesRefused,

    /// <summary>REGISTERs for extension after extension from one address, each once, no User-Agent; --answered of them 404 or 401.</summary>
    ExtensionEnumeration,

    /// <summary>One REGISTER to each of --count addresses from one source, unanswered.</summary>
    RegisterSweep,

    /// <summary>Calls to international numbers with guessed credentials, refused 403 (--answered of them accepted).</summary>
    TollFraud,

    /// <summary>The PBX's calls to its provider refused 403 after credentials: a trunk with a wrong password.</summary>
    TrunkRefused,
}
