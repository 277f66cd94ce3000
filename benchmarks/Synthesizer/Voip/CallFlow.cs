using System.Globalization;
using PcapSipAnalyzer.Synthesizer.Simulation;
using PcapSipAnalyzer.Synthesizer.Truth;
using static PcapSipAnalyzer.Synthesizer.Simulation.TrafficProfile;

namespace PcapSipAnalyzer.Synthesizer.Voip;

/// <summary>
/// Calls between registered phones and the PBX, in both directions: INVITE (SDP offer) → 100 → 180 → 200 (SDP
/// answer) → ACK, two RTP streams, then BYE → 200 from either side.
/// </summary>
public sealed class CallFlow
{
    private const int StepTrying = 1, StepRinging = 2, StepAnswer = 3, StepAck = 4, StepBye = 5, StepByeOk = 6;

    private readonly TrafficSimulation _sim;
    private readonly OfficeNetwork _network;
    private readonly MediaFlow _media;
    private readonly List<Call> _calls = [];
    private int _nextPbxMediaSlot;

    public CallFlow(TrafficSimulation simulation, OfficeNetwork network, MediaFlow media)
    {
        _sim = simulation;
        _network = network;
        _media = media;
    }

    public void Handle(SimEvent e)
    {
        if (e.Kind == EventKind.CallStart)
        {
            if (!_sim.Draining) Start(_network.Phones[e.Id]);
            return;
        }
        var call = _calls[e.Id];
        switch (e.Arg)
        {
            case StepTrying: Respond(call, 100, "Trying", StepRinging, Ms(20, 200)); break;
            case StepRinging: Respond(call, 180, "Ringing", StepAnswer, Ms(1000, 6000)); break;
            case StepAnswer: Respond(call, 200, "OK", StepAck, Ms(5, 40)); break;
            case StepAck: Acknowledge(call); break;
            case StepBye: Bye(call); break;
            case StepByeOk: ByeOk(call); break;
        }
    }

    /// <summary>Brings every call in conversation to its BYE within half a second, for a clean end of capture.</summary>
    public void WindDown()
    {
        foreach (var call in _calls)
            if (call.State == CallState.Talking) Schedule(call, StepBye, Ms(10, 500));
    }

    private void Start(Phone phone)
    {
        var r = _sim.Random;
        bool outgoing = r.Chance(0.5);
        string other = outgoing && r.Chance(0.5)
            ? (2000 + r.Next(_network.Phones.Length)).ToString(CultureInfo.InvariantCulture)
            : "0" + r.Next(100_000_000, 999_999_999).ToString(CultureInfo.InvariantCulture);
        var pbx = _network.Pbx;
        ushort phoneMedia = (ushort)(2048 + 2 * (phone.Calls++ % 100));
        ushort pbxMedia = (ushort)(40000 + 2 * (_nextPbxMediaSlot++ % 10000));
        var truth = new CallTruth
        {
            CallId = $"{r.NextULong():x16}{r.NextUInt():x8}@{(outgoing ? phone.Host.Address : pbx.Address)}",
            Direction = outgoing ? "outgoing" : "incoming",
            InviteTime = Seconds(_sim.Now),
            PayloadType = r.Chance(0.5) ? 0 : 8,
        };
        var call = new Call(_calls.Count, phone, truth)
        {
            Uac = outgoing ? phone.Host : pbx,
            UacPort = outgoing ? phone.Port : OfficeNetwork.SipPort,
            UacUser = outgoing ? phone.Extension : other,
            Uas = outgoing ? pbx : phone.Host,
            UasPort = outgoing ? OfficeNetwork.SipPort : phone.Port,
            UasUser = outgoing ? other : phone.Extension,
            RequestHost = outgoing ? OfficeNetwork.Domain : $"{phone.Host.Address}:{phone.Port}",
            CallId = truth.CallId,
            FromTag = r.NextULong(),
            ToTag = r.NextULong(),
            InviteBranch = r.NextULong(),
            SessionId = r.NextUInt(),
            UacMediaPort = outgoing ? phoneMedia : pbxMedia,
            UasMediaPort = outgoing ? pbxMedia : phoneMedia,
            PayloadType = truth.PayloadType,
        };
        truth.Caller = call.UacUser;
        truth.Callee = call.UasUser;
        _calls.Add(call);
        _sim.Truth.Calls.Add(truth);

        var t = _sim.Text.Clear();
        t.Append("INVITE sip:").Append(call.UasUser).Append("@").Append(call.RequestHost).Line(" SIP/2.0");
        Headers(call, fromUac: true, call.InviteBranch, toTag: false, 1, "INVITE");
        Contact(call, uac: true);
        Sdp(call, offer: true);
        SendRequest(call, fromUac: true, "INVITE");
        Schedule(call, StepTrying, Ms(1, 10));
    }

    private void Respond(Call call, int status, string reason, int nextStep, long delay)
    {
        var t = _sim.Text.Clear();
        t.Append("SIP/2.0 ").Append(status).Append(" ").Line(reason);
        Headers(call, fromUac: true, call.InviteBranch, toTag: status != 100, 1, "INVITE");
        if (status != 100) Contact(call, uac: false);
        if (status == 200)
        {
            Sdp(call, offer: false);
            call.Truth.AnswerTime = Seconds(_sim.Now);
        }
        else t.Line("Content-Length: 0").Crlf();
        _sim.SendSip(call.Uas, call.UasPort, call.Uac, call.UacPort, null, status, false);
        Schedule(call, nextStep, delay);
    }

    private void Acknowledge(Call call)
    {
        var t = _sim.Text.Clear();
        t.Append("ACK sip:").Append(call.UasUser).Append("@").Append(call.Uas.Address).Append(":").Append(call.UasPort).Line(" SIP/2.0");
        Headers(call, fromUac: true, _sim.Random.NextULong(), toTag: true, 1, "ACK");
        t.Line("Content-Length: 0").Crlf();
        SendRequest(call, fromUac: true, "ACK");

        call.State = CallState.Talking;
        (call.ToUas, call.ToUac) = _media.StartCall(call);
        long talk = _sim.Draining
            ? _sim.Random.NextLong(200 * Millisecond, Second)
            : _sim.Random.NextLong(MinCallDuration, MaxCallDuration);
        Schedule(call, StepBye, talk);
    }

    private void Bye(Call call)
    {
        if (call.State != CallState.Talking) return;
        call.State = CallState.Ending;
        call.ByeFromUac = _sim.Random.Chance(0.5);
        call.ByeBranch = _sim.Random.NextULong();
        call.ToUas!.Active = false;
        call.ToUac!.Active = false;
        WriteBye(call, response: false);
        SendRequest(call, call.ByeFromUac, "BYE");
        call.Truth.ByeTime = Seconds(_sim.Now);
        call.Truth.ByeFrom = call.ByeFromUac ? "caller" : "callee";
        Schedule(call, StepByeOk, Ms(2, 20));
    }

    private void ByeOk(Call call)
    {
        WriteBye(call, response: true);
        var (from, fromPort, to, toPort) = call.ByeFromUac
            ? (call.Uas, call.UasPort, call.Uac, call.UacPort)
            : (call.Uac, call.UacPort, call.Uas, call.UasPort);
        _sim.SendSip(from, fromPort, to, toPort, null, 200, false);
        call.State = CallState.Ended;
        _sim.Schedule(_sim.Now + Second + _sim.Random.NextExponential(MeanCallIdle), EventKind.CallStart, call.Phone.Index);
    }

    private void WriteBye(Call call, bool response)
    {
        var t = _sim.Text.Clear();
        if (response) t.Line("SIP/2.0 200 OK");
        else if (call.ByeFromUac)
            t.Append("BYE sip:").Append(call.UasUser).Append("@").Append(call.Uas.Address).Append(":").Append(call.UasPort).Line(" SIP/2.0");
        else
            t.Append("BYE sip:").Append(call.UacUser).Append("@").Append(call.Uac.Address).Append(":").Append(call.UacPort).Line(" SIP/2.0");
        Headers(call, call.ByeFromUac, call.ByeBranch, toTag: true, call.ByeFromUac ? 2 : 1, "BYE");
        t.Line("Content-Length: 0").Crlf();
    }

    private void SendRequest(Call call, bool fromUac, string method)
    {
        if (fromUac) _sim.SendSip(call.Uac, call.UacPort, call.Uas, call.UasPort, method, 0, false);
        else _sim.SendSip(call.Uas, call.UasPort, call.Uac, call.UacPort, method, 0, false);
    }

    /// <summary>Via, From, To, Call-ID and CSeq of a request sent by the UAC or UAS (and of its responses).</summary>
    private void Headers(Call call, bool fromUac, ulong branch, bool toTag, int cseq, string method)
    {
        var t = _sim.Text;
        var (via, viaPort) = fromUac ? (call.Uac, call.UacPort) : (call.Uas, call.UasPort);
        t.Append("Via: SIP/2.0/UDP ").Append(via.Address).Append(":").Append(viaPort).Append(";branch=z9hG4bK").AppendHex(branch, 16).Crlf();
        // Requests carry Max-Forwards; responses (status line "SIP/2.0 …") do not.
        if (t.Span[0] != (byte)'S') t.Line("Max-Forwards: 70");
        string fromUser = fromUac ? call.UacUser : call.UasUser, toUser = fromUac ? call.UasUser : call.UacUser;
        ulong fromTag = fromUac ? call.FromTag : call.ToTag, toTagValue = fromUac ? call.ToTag : call.FromTag;
        t.Append("From: <sip:").Append(fromUser).Append("@").Append(OfficeNetwork.Domain).Append(">;tag=").AppendHex(fromTag, 8).Crlf();
        t.Append("To: <sip:").Append(toUser).Append("@").Append(OfficeNetwork.Domain).Append(">");
        if (toTag) t.Append(";tag=").AppendHex(toTagValue, 8);
        t.Crlf();
        t.Append("Call-ID: ").Line(call.CallId);
        t.Append("CSeq: ").Append(cseq).Append(" ").Line(method);
    }

    private void Contact(Call call, bool uac)
    {
        var (host, port, user) = uac ? (call.Uac, call.UacPort, call.UacUser) : (call.Uas, call.UasPort, call.UasUser);
        _sim.Text.Append("Contact: <sip:").Append(user).Append("@").Append(host.Address).Append(":").Append(port).Line(">");
    }

    /// <summary>Appends Content-Type, Content-Length and the SDP offer (both G.711 laws) or answer (the chosen one).</summary>
    private void Sdp(Call call, bool offer)
    {
        var (host, port) = offer ? (call.Uac, call.UacMediaPort) : (call.Uas, call.UasMediaPort);
        var b = _sim.Body.Clear();
        b.Line("v=0");
        b.Append("o=- ").Append((long)call.SessionId).Append(" ").Append((long)call.SessionId).Append(" IN IP4 ").Line(host.Address);
        b.Line("s=-");
        b.Append("c=IN IP4 ").Line(host.Address);
        b.Line("t=0 0");
        b.Append("m=audio ").Append(port).Append(" RTP/AVP ");
        if (offer) b.Line("0 8 101");
        else b.Append(call.PayloadType).Line(" 101");
        if (offer || call.PayloadType == 0) b.Line("a=rtpmap:0 PCMU/8000");
        if (offer || call.PayloadType == 8) b.Line("a=rtpmap:8 PCMA/8000");
        b.Line("a=rtpmap:101 telephone-event/8000");
        b.Line("a=fmtp:101 0-15");
        b.Line("a=ptime:20");
        b.Line("a=sendrecv");
        var t = _sim.Text;
        t.Line("Content-Type: application/sdp");
        t.Append("Content-Length: ").Append(b.Length).Crlf().Crlf();
        t.Append(b.Span);
    }

    private void Schedule(Call call, int step, long delay) => _sim.Schedule(_sim.Now + delay, EventKind.CallStep, call.Index, step);

    private long Ms(int min, int max) => _sim.Random.NextLong(min * Millisecond, max * Millisecond);

    private static double Seconds(long ns) => ns / 1e9;
}
