using PcapSipAnalyzer.Synthesizer.Simulation;
using PcapSipAnalyzer.Synthesizer.Truth;
using static PcapSipAnalyzer.Synthesizer.Simulation.TrafficProfile;

namespace PcapSipAnalyzer.Synthesizer.Voip;

/// <summary>
/// Digest-authenticated registrations: REGISTER → 401 → REGISTER with credentials → 200/403, or the failures
/// of the design's case: no answer (timer E retransmissions until timer F), no answer to the authenticated
/// REGISTER, or answers sent to the wrong gateway (the phone retransmits, the PBX repeats its 401).
/// </summary>
public sealed class RegistrationFlow
{
    private readonly TrafficSimulation _sim;
    private readonly OfficeNetwork _network;

    public RegistrationFlow(TrafficSimulation simulation, OfficeNetwork network)
    {
        _sim = simulation;
        _network = network;
    }

    /// <summary>Schedules every phone's first registration within the first seconds of the capture.</summary>
    public void ScheduleFirstRegistrations()
    {
        foreach (var phone in _network.Phones)
            _sim.Schedule(CaptureStart + _sim.Random.NextLong(0, FirstRegistrationSpread), EventKind.RegisterStart, phone.Index);
    }

    public void Handle(SimEvent e)
    {
        var phone = _network.Phones[e.Id];
        switch (e.Kind)
        {
            case EventKind.RegisterStart: Start(phone); break;
            case EventKind.RegisterRetransmit: Retransmit(phone); break;
            case EventKind.RegisterReply: Reply(phone); break;
            case EventKind.RegisterAuthenticated: SendAuthenticated(phone); break;
            case EventKind.IcmpRedirect: Redirect(phone); break;
        }
    }

    private void Start(Phone phone)
    {
        if (_sim.Draining) return;
        phone.Truth ??= CreateTruth(phone);
        phone.Truth.Attempts++;
        phone.Nonce = _sim.Random.NextULong();
        BeginTransaction(phone, authenticated: false);
        bool answered = phone.Outcome != RegistrationOutcome.Unanswered;
        if (answered) _sim.Schedule(_sim.Now + ServerDelay(), EventKind.RegisterReply, phone.Index);
        if (!answered || phone.Outcome == RegistrationOutcome.AnsweredViaOtherGateway)
            _sim.Schedule(_sim.Now + T1, EventKind.RegisterRetransmit, phone.Index);
    }

    private void SendAuthenticated(Phone phone)
    {
        phone.Digest = _sim.Random.NextULong();
        BeginTransaction(phone, authenticated: true);
        if (phone.Outcome == RegistrationOutcome.AuthUnanswered)
            _sim.Schedule(_sim.Now + T1, EventKind.RegisterRetransmit, phone.Index);
        else
            _sim.Schedule(_sim.Now + ServerDelay(), EventKind.RegisterReply, phone.Index);
    }

    private void BeginTransaction(Phone phone, bool authenticated)
    {
        phone.CSeq++;
        phone.Branch = _sim.Random.NextULong();
        phone.ServerTag = _sim.Random.NextULong();
        phone.Authenticated = authenticated;
        phone.TransactionStart = _sim.Now;
        phone.RetransmitInterval = T1;
        phone.RepliesSent = 0;
        SendRequest(phone, resent: false);
    }

    /// <summary>Timer E: retransmit at T1, 2·T1, … capped at T2, and give up when timer F (64·T1) fires.</summary>
    private void Retransmit(Phone phone)
    {
        SendRequest(phone, resent: true);
        phone.Truth!.Retransmissions++;
        // The PBX answers every copy, and every answer goes to the wrong gateway again.
        if (phone.Outcome == RegistrationOutcome.AnsweredViaOtherGateway && !phone.Authenticated)
            _sim.Schedule(_sim.Now + ServerDelay(), EventKind.RegisterReply, phone.Index);
        phone.RetransmitInterval = Math.Min(phone.RetransmitInterval * 2, T2);
        long next = _sim.Now + phone.RetransmitInterval;
        if (next - phone.TransactionStart < TimerF)
            _sim.Schedule(next, EventKind.RegisterRetransmit, phone.Index);
        else
            _sim.Schedule(phone.TransactionStart + TimerF + RegistrationRetry, EventKind.RegisterStart, phone.Index);
    }

    private void Reply(Phone phone)
    {
        var truth = phone.Truth!;
        bool resent = phone.RepliesSent++ > 0;
        truth.Responses++;
        if (!phone.Authenticated)
        {
            bool misrouted = phone.Outcome == RegistrationOutcome.AnsweredViaOtherGateway;
            WriteResponse(phone, 401, "Unauthorized");
            _sim.SendSip(_network.Pbx, OfficeNetwork.SipPort, phone.Host, phone.Port, null, 401, resent,
                misrouted ? OfficeNetwork.Router2Mac : 0);
            if (misrouted)
            {
                truth.ResponseMac = "00:1a:2b:00:00:fe";
                if (phone.RedirectedByWrongGateway) QuoteForRedirect(phone);
            }
            // The phone only moves on when the challenge reached it.
            else _sim.Schedule(_sim.Now + _sim.Random.NextLong(2 * Millisecond, 30 * Millisecond), EventKind.RegisterAuthenticated, phone.Index);
            return;
        }
        if (phone.Outcome == RegistrationOutcome.Registered)
        {
            WriteResponse(phone, 200, "OK");
            _sim.SendSip(_network.Pbx, OfficeNetwork.SipPort, phone.Host, phone.Port, null, 200, resent);
            long refresh = RegistrationExpires * Second / 2;
            _sim.Schedule(_sim.Now + _sim.Random.NextLong(refresh * 9 / 10, refresh * 11 / 10), EventKind.RegisterStart, phone.Index);
            if (!phone.EverRegistered)
            {
                long spread = _sim.Random.Chance(BusyShare) ? EarlyCallSpread : FirstCallSpread;
                _sim.Schedule(_sim.Now + _sim.Random.NextLong(Second, spread), EventKind.CallStart, phone.Index);
            }
            phone.EverRegistered = true;
        }
        else
        {
            WriteResponse(phone, 403, "Forbidden");
            _sim.SendSip(_network.Pbx, OfficeNetwork.SipPort, phone.Host, phone.Port, null, 403, resent);
            _sim.Schedule(_sim.Now + RegistrationRetry, EventKind.RegisterStart, phone.Index);
        }
    }

    /// <summary>Router 2 forwards the response (not seen here) and tells the PBX to use router 1 instead.</summary>
    private void QuoteForRedirect(Phone phone)
    {
        phone.QuotedResponse ??= new byte[28];
        _sim.Writer.LastFrame.Slice(Wire.FrameBuilder.EthernetLength, 28).CopyTo(phone.QuotedResponse);
        _sim.Schedule(_sim.Now + _sim.Random.NextLong(50_000, 400_000), EventKind.IcmpRedirect, phone.Index);
    }

    private void Redirect(Phone phone)
    {
        var frame = _sim.Writer.FrameSpace(Wire.FrameBuilder.EthernetLength + Wire.FrameBuilder.Ipv4Length + 8 + 28);
        int length = Wire.FrameBuilder.WriteIcmpRedirect(frame, _network.Router2, _network.Pbx, _network.Router1.Ip, phone.QuotedResponse!);
        _sim.Writer.Commit(_sim.Now, length);
        _sim.Truth.Traffic.VoipBytes += length;
        _sim.Truth.Traffic.IcmpRedirects++;
        phone.Truth!.IcmpRedirects++;
    }

    private void SendRequest(Phone phone, bool resent)
    {
        var t = _sim.Text.Clear();
        t.Append("REGISTER sip:").Append(OfficeNetwork.Domain).Line(" SIP/2.0");
        WriteCommonHeaders(phone, withToTag: false);
        t.Append("Contact: <sip:").Append(phone.Extension).Append("@").Append(phone.Host.Address).Append(":")
            .Append(phone.Port).Line(">");
        if (phone.Authenticated)
        {
            t.Append("Authorization: Digest username=\"").Append(phone.Extension).Append("\", realm=\"")
                .Append(OfficeNetwork.Domain).Append("\", nonce=\"").AppendHex(phone.Nonce, 16).Append("\", uri=\"sip:")
                .Append(OfficeNetwork.Domain).Append("\", response=\"").AppendHex(phone.Digest, 16)
                .AppendHex(phone.Digest * 31 + phone.Nonce, 16).Line("\", algorithm=MD5");
        }
        t.Append("Expires: ").Append(RegistrationExpires).Crlf();
        t.Line("User-Agent: Avaya one-X Deskphone 6.8.5");
        t.Line("Content-Length: 0").Crlf();
        _sim.SendSip(phone.Host, phone.Port, _network.Pbx, OfficeNetwork.SipPort, "REGISTER", 0, resent);
        phone.Truth!.Requests++;
    }

    private void WriteResponse(Phone phone, int status, string reason)
    {
        var t = _sim.Text.Clear();
        t.Append("SIP/2.0 ").Append(status).Append(" ").Line(reason);
        WriteCommonHeaders(phone, withToTag: true);
        if (status == 401)
        {
            t.Append("WWW-Authenticate: Digest realm=\"").Append(OfficeNetwork.Domain).Append("\", nonce=\"")
                .AppendHex(phone.Nonce, 16).Line("\", algorithm=MD5");
        }
        else if (status == 200)
        {
            t.Append("Contact: <sip:").Append(phone.Extension).Append("@").Append(phone.Host.Address).Append(":")
                .Append(phone.Port).Append(">;expires=").Append(RegistrationExpires).Crlf();
        }
        t.Line("Server: IP Office 11.1.3.0 build 3");
        t.Line("Content-Length: 0").Crlf();
    }

    private void WriteCommonHeaders(Phone phone, bool withToTag)
    {
        var t = _sim.Text;
        t.Append("Via: SIP/2.0/UDP ").Append(phone.Host.Address).Append(":").Append(phone.Port)
            .Append(";branch=z9hG4bK").AppendHex(phone.Branch, 16);
        if (withToTag) t.Append(";rport=").Append(phone.Port).Append(";received=").Append(phone.Host.Address);
        else t.Append(";rport");
        t.Crlf();
        if (!withToTag) t.Line("Max-Forwards: 70");
        t.Append("From: <sip:").Append(phone.Extension).Append("@").Append(OfficeNetwork.Domain).Append(">;tag=")
            .AppendHex(phone.FromTag, 8).Crlf();
        t.Append("To: <sip:").Append(phone.Extension).Append("@").Append(OfficeNetwork.Domain).Append(">");
        if (withToTag) t.Append(";tag=").AppendHex(phone.ServerTag, 8);
        t.Crlf();
        t.Append("Call-ID: ").Line(phone.CallId);
        t.Append("CSeq: ").Append(phone.CSeq).Line(" REGISTER");
    }

    private long ServerDelay() => _sim.Random.NextLong(Millisecond, 15 * Millisecond);

    private RegistrationClientTruth CreateTruth(Phone phone)
    {
        var truth = new RegistrationClientTruth
        {
            Aor = $"sip:{phone.Extension}@{OfficeNetwork.Domain}",
            Address = phone.Host.Address,
            Port = phone.Port,
            Subnet = phone.InSubnetB ? "B" : "A",
            CallId = phone.CallId,
            Outcome = OutcomeName(phone.Outcome),
        };
        _sim.Truth.Registrations.Add(truth);
        return truth;
    }

    public static string OutcomeName(RegistrationOutcome outcome) => outcome switch
    {
        RegistrationOutcome.Registered => "registered",
        RegistrationOutcome.Rejected => "rejected",
        RegistrationOutcome.Unanswered => "unanswered",
        RegistrationOutcome.AuthUnanswered => "auth-unanswered",
        _ => "answered-via-other-gateway",
    };
}
