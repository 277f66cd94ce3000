namespace PcapSipAnalyzer.Analyzer.Diagnosis;

/// <summary>What kind of root cause a set of findings points to; the JSON/CSV names are in <see cref="CauseKinds"/>.</summary>
public enum CauseKind
{
    /// <summary>The server sends its replies for some clients toward a next hop that does not deliver them.</summary>
    WrongGatewayRoute,
    /// <summary>The server's replies take another next hop than the requests, but still arrive.</summary>
    AsymmetricRoute,
    /// <summary>
    /// Two devices claim the address of the server's gateway: its route is right, but its ARP entry holds the device
    /// that drops the replies, while the requests come in from the real router.
    /// </summary>
    AddressConflict,
    /// <summary>The server's route toward some clients changed during the capture.</summary>
    RouteChanged,
    /// <summary>Replies leave toward the right next hop and are lost beyond it.</summary>
    LostBeyondNextHop,
    /// <summary>
    /// The server sends its replies to the address and port the requests' Via names, not to where they came from:
    /// past a NAT that changed the source port, they reach no one.
    /// </summary>
    RepliesMisaddressed,
    /// <summary>
    /// The server takes the clients for neighbours on its own link (a subnet mask too wide, an on-link route): it asks
    /// ARP for them instead of sending to the router their requests came through, and its answers never leave it.
    /// </summary>
    ClientsTakenOnLink,
    /// <summary>Calls to phones behind a NAT go to bindings the NAT has forgotten: nothing keeps them alive.</summary>
    NatBindingExpired,
    /// <summary>The server sends nothing back at all.</summary>
    ServerSilent,
    /// <summary>A router answered with ICMP errors.</summary>
    NetworkError,
    /// <summary>The registrar refused the credentials: a genuine password failure.</summary>
    CredentialsRejected,
    /// <summary>Calls whose media is missing in one or both directions.</summary>
    MediaBlocked,
    /// <summary>Media that arrives from another address than the SDP announced (NAT, ALG).</summary>
    MediaSource,
    /// <summary>Loss or jitter high enough to hear.</summary>
    MediaQuality,
    /// <summary>Calls whose media never passed any capture point: nothing to judge.</summary>
    MediaNotOnPath,
    /// <summary>Calls whose media a signaling-only capture (a port filter) cannot show: nothing to judge.</summary>
    MediaNotCaptured,
    /// <summary>A SIP ALG rewrote messages between capture points.</summary>
    SipAlg,
    /// <summary>Scanners probing the server (REGISTER/OPTIONS floods).</summary>
    SipScan,
    /// <summary>A program trying passwords at the registrar: registrations refused one after another, seconds apart.</summary>
    PasswordGuessing,
    /// <summary>Something on the path drops IP fragments: SIP messages larger than one packet never arrive whole.</summary>
    FragmentsDropped,
    /// <summary>
    /// A router on the way to the server answers the clients' requests with ICMP errors (no route, a filter, a loop):
    /// they never reach the server, which is not silent but unreached.
    /// </summary>
    RequestUndelivered,
    /// <summary>The server refuses the clients' TCP connections (a reset to each SYN): nothing listens for SIP over TCP there.</summary>
    ConnectionRefused,
    /// <summary>Anything else, one cause per finding kind.</summary>
    Other,
    /// <summary>
    /// The registrar refused registrations before asking for a password: 404 for users it has not got, 403 and the like
    /// from a rule about the address or the user. No password was checked, so none is wrong.
    /// </summary>
    RegistrationRefused,
}
