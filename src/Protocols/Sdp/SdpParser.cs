using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Text;
using PcapSipAnalyzer.Protocols.Sip;

namespace PcapSipAnalyzer.Protocols.Sdp;

/// <summary>
/// Parses an SDP body (RFC 4566) for what the media analysis needs: where each stream should flow
/// (o=, c= at session and media level, m= port and payload types), codecs and clock rates (a=rtpmap),
/// RTCP port and mux, and the direction attributes. Unknown lines are skipped.
/// </summary>
public static class SdpParser
{
    /// <summary>
    /// Limits what a hostile body can make us allocate: m= sections past this many are counted in
    /// <see cref="SdpSession.MediaNotParsed"/> and skipped with their attributes. A phone offers audio, maybe
    /// video and a T.38 fallback; a telepresence room adds content video, BFCP and far-end camera control (6).
    /// Every parsed section is kept with each copy of the message (~250 bytes) and becomes an RTP expectation:
    /// 20 000 transactions with SDP on both sides at 16 sections each held 150 MB.
    /// </summary>
    public const int MaxMedia = 8;
    private const int MaxPayloadTypes = 128;

    /// <summary>False when the bytes are not SDP (no "v=" line); never throws.</summary>
    public static bool TryParse(ReadOnlySpan<byte> data, out SdpSession? session)
    {
        session = null;
        string? origin = null, connection = null;
        var direction = SdpDirection.SendRecv;
        var sections = new Sections();
        int count = 0, notParsed = 0;
        SdpMedia? media = null;
        bool sawVersion = false;
        bool skipping = false;
        var rest = data;
        while (!rest.IsEmpty)
        {
            int lf = rest.IndexOf((byte)'\n');
            var line = lf < 0 ? rest : rest[..lf];
            rest = lf < 0 ? default : rest[(lf + 1)..];
            if (line.EndsWith("\r"u8)) line = line[..^1];
            if (line.Length < 2 || line[1] != (byte)'=') continue;
            var value = line[2..];
            switch (line[0])
            {
                case (byte)'v': sawVersion = true; break;
                case (byte)'o': origin ??= Address(value, skip: 5); break;
                case (byte)'c' when !skipping:
                    if (media is null) connection ??= Address(value, skip: 2);
                    else media.ConnectionAddress ??= Address(value, skip: 2);
                    break;
                case (byte)'m':
                    skipping = count >= MaxMedia;
                    if (skipping) notParsed++;
                    media = skipping ? null : ReadMedia(value);
                    if (media is not null) sections[count++] = media;
                    break;
                case (byte)'a' when !skipping: ReadAttribute(value, ref direction, media); break;
            }
        }
        if (!sawVersion) return false;
        session = new SdpSession
        {
            OriginAddress = origin,
            ConnectionAddress = connection,
            Direction = direction,
            Media = count == 0 ? ImmutableArray<SdpMedia>.Empty : ImmutableArray.Create<SdpMedia>(((ReadOnlySpan<SdpMedia>)sections)[..count]),
            MediaNotParsed = notParsed,
        };
        return true;
    }

    // The sections read so far, on the stack: the description's array is made once, of their exact number.
    [InlineArray(MaxMedia)]
    private struct Sections
    {
        private SdpMedia _first;
    }

    /// <summary>The address field of "o=" (6th) or "c=" (3rd) without a /ttl or /count suffix.</summary>
    private static string? Address(ReadOnlySpan<byte> value, int skip)
    {
        var field = SdpFields.Nth(value, skip);
        int slash = field.IndexOf((byte)'/');
        if (slash >= 0) field = field[..slash];
        // From the parser's string cache: a dialog's SDP bodies name the same addresses again and again, and the
        // descriptions stay with the live transactions that carried them.
        if (field.IsEmpty) return null;
        return Ascii.IsValid(field) ? SipText.Cached(field) : Encoding.ASCII.GetString(field);
    }

    /// <summary>"m=audio 49170[/2] RTP/AVP 0 8 101".</summary>
    private static SdpMedia? ReadMedia(ReadOnlySpan<byte> value)
    {
        var fields = new SdpFields(value);
        fields.TryNext(out var type);
        fields.TryNext(out var portField);
        int slash = portField.IndexOf((byte)'/');
        if (slash >= 0) portField = portField[..slash];
        fields.TryNext(out var protocol);
        if (type.IsEmpty || protocol.IsEmpty || !SipText.TryParseInt(portField, out int port) || port > 65535) return null;
        Span<int> types = stackalloc int[MaxPayloadTypes];
        int count = 0;
        while (count < MaxPayloadTypes && fields.TryNext(out var format))
            if (SipText.TryParseInt(format, out int pt) && pt <= 127) types[count++] = pt;
        return new SdpMedia
        {
            MediaType = Known(type, KnownMediaTypes),
            Port = port,
            Protocol = Known(protocol, KnownProtocols),
            PayloadTypes = SdpPayloadTypeCache.Of(types[..count]),
        };
    }

    private static void ReadAttribute(ReadOnlySpan<byte> value, ref SdpDirection sessionDirection, SdpMedia? media)
    {
        int colon = value.IndexOf((byte)':');
        var name = colon < 0 ? value : value[..colon];
        var argument = colon < 0 ? default : value[(colon + 1)..];
        if (Ascii.EqualsIgnoreCase(name, "sendrecv"u8)) SetDirection(SdpDirection.SendRecv, ref sessionDirection, media);
        else if (Ascii.EqualsIgnoreCase(name, "sendonly"u8)) SetDirection(SdpDirection.SendOnly, ref sessionDirection, media);
        else if (Ascii.EqualsIgnoreCase(name, "recvonly"u8)) SetDirection(SdpDirection.RecvOnly, ref sessionDirection, media);
        else if (Ascii.EqualsIgnoreCase(name, "inactive"u8)) SetDirection(SdpDirection.Inactive, ref sessionDirection, media);
        else if (media is null) return;
        else if (Ascii.EqualsIgnoreCase(name, "rtpmap"u8)) ReadRtpMap(argument, media);
        else if (Ascii.EqualsIgnoreCase(name, "rtcp-mux"u8)) media.RtcpMux = true;
        else if (Ascii.EqualsIgnoreCase(name, "rtcp"u8) && SipText.TryParseInt(SdpFields.Nth(argument, 0), out int port) && port <= 65535)
            media.RtcpPort = port;
    }

    private static void SetDirection(SdpDirection direction, ref SdpDirection sessionDirection, SdpMedia? media)
    {
        if (media is null) sessionDirection = direction;
        else media.Direction = direction;
    }

    /// <summary>"a=rtpmap:96 opus/48000/2".</summary>
    private static void ReadRtpMap(ReadOnlySpan<byte> argument, SdpMedia media)
    {
        var fields = new SdpFields(argument);
        fields.TryNext(out var ptField);
        if (!SipText.TryParseInt(ptField, out int pt) || pt > 127 || media.HasRtpMaps && media.RtpMaps.ContainsKey(pt)) return;
        fields.TryNext(out var codec);
        int slash = codec.IndexOf((byte)'/');
        if (slash <= 0) return;
        var encoding = codec[..slash];
        var clockAndChannels = codec[(slash + 1)..];
        int slash2 = clockAndChannels.IndexOf((byte)'/');
        var clock = slash2 < 0 ? clockAndChannels : clockAndChannels[..slash2];
        if (!SipText.TryParseInt(clock, out int clockRate)) return;
        int channels = 1;
        if (slash2 >= 0 && SipText.TryParseInt(clockAndChannels[(slash2 + 1)..], out int c)) channels = c;
        // A codec's name repeats in every description of every call: the parser's shared string for it.
        string name = Ascii.IsValid(encoding) ? SipText.Cached(encoding) : Encoding.ASCII.GetString(encoding);
        media.RtpMaps[pt] = new SdpRtpMap(name, clockRate, channels);
    }

    // Every m= line of every SDP kept with its message names these: one shared string each instead of a copy per line.
    private static readonly string[] KnownMediaTypes = ["audio", "video", "image", "application", "text", "message"];
    private static readonly string[] KnownProtocols = ["RTP/AVP", "RTP/SAVP", "RTP/AVPF", "RTP/SAVPF", "UDP/TLS/RTP/SAVPF", "udptl", "UDPTL", "TCP/BFCP", "TCP/TLS/BFCP"];

    private static string Known(ReadOnlySpan<byte> value, string[] known)
    {
        foreach (var k in known)
            if (Ascii.Equals(value, k)) return k;
        return Encoding.ASCII.GetString(value);
    }
}
