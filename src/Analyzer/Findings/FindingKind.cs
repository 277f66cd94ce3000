namespace PcapSipAnalyzer.Analyzer.Findings;

/// <summary>What a finding is about; the JSON/CSV/console names are in <see cref="FindingKinds"/>.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(Reports.WireNameJsonConverter<FindingKind>))]
public enum FindingKind
{
    /// <summary>Responses leave toward another next hop than the requests came from, and never arrive.</summary>
    ResponseWrongGateway,
    /// <summary>Responses take another next hop than the requests, but still arrive.</summary>
    AsymmetricPath,
    /// <summary>Responses leave toward the right next hop and are lost beyond it.</summary>
    ResponseLost,
    /// <summary>
    /// Responses over UDP go to another address or port than the request came from (the Via's, past a NAT that gave
    /// the request a new source port) and never arrive.
    /// </summary>
    ResponseWrongPort,
    /// <summary>
    /// Responses over UDP come from another address or port than the request went to (a server with several addresses
    /// bound to 0.0.0.0), and a NAT or stateful firewall on the way drops them: they never arrive.
    /// </summary>
    ResponseWrongSource,
    /// <summary>
    /// A call (INVITE) to a phone sent to the address and port it registered from through a NAT, after its last packet,
    /// refused by the NAT or never answered: the NAT's binding for the phone had expired.
    /// </summary>
    NatBindingExpired,
    /// <summary>A REGISTER that got no response at all.</summary>
    RegisterUnanswered,
    /// <summary>An INVITE that got no response at all, not even 100 Trying, until the caller gave up (timer B).</summary>
    InviteUnanswered,
    /// <summary>The server answered a client's TCP SYN with a reset: nothing accepts SIP over TCP (or TLS) on that port.</summary>
    ConnectionRefused,
    /// <summary>
    /// A client's TCP SYNs got no SYN-ACK while the server asked ARP for the client on its own link (the SYNs came
    /// through a router): the connection never comes up.
    /// </summary>
    ConnectionUnanswered,
    /// <summary>A TCP SYN-ACK leaves toward another next hop than the SYN came from, and the connection never comes up.</summary>
    SynAckWrongGateway,
    /// <summary>A router answered SIP traffic with an ICMP error.</summary>
    IcmpError,
    /// <summary>The responses from one server to one client change next hop during the capture.</summary>
    RouteChanged,
    /// <summary>The registrar refused the credentials: a genuine password failure.</summary>
    RegistrationRejected,
    /// <summary>Many sources or AORs probing a server (or scanner User-Agents): one finding per scanned server.</summary>
    SipScan,
    /// <summary>A call's media flows in one direction only.</summary>
    RtpOneWay,
    /// <summary>A call with no media at all at a point that should see it.</summary>
    RtpNoMedia,
    /// <summary>Media arriving from another address than the SDP announced.</summary>
    RtpUnexpectedSource,
    /// <summary>A stream lost more packets than the --rtp-loss threshold.</summary>
    RtpLoss,
    /// <summary>A stream's jitter exceeds the --rtp-jitter threshold.</summary>
    RtpJitter,
    /// <summary>A stream's E-model MOS is below the poor-quality threshold (warning) or the bad one (error).</summary>
    RtpPoorQuality,
    /// <summary>Calls whose media passes none of the capture points: no verdict, information only.</summary>
    MediaNotOnPath,
    /// <summary>Calls owed media at a capture point that holds SIP and nothing else (a capture filter): no verdict, information only.</summary>
    MediaNotCaptured,
    /// <summary>SIP content rewritten between two capture points (a SIP ALG).</summary>
    SipAlgRewrite,
    /// <summary>Only packet addresses translated between two capture points (NAT).</summary>
    NatTranslation,
    /// <summary>A SIP message over UDP sent in IP fragments never arrived whole: only some of its fragments did.</summary>
    SipFragmentsLost,
    /// <summary>Calls a program tries with guessed credentials (toll fraud), many and fast, refused (or accepted: the password is known).</summary>
    TollFraudAttempt,
}
