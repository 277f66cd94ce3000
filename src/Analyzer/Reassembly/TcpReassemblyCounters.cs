namespace PcapSipAnalyzer.Analyzer.Reassembly;

/// <summary>What TCP reassembly and SIP stream framing did and dropped, for the report's anomaly section.</summary>
public sealed class TcpReassemblyCounters
{
    public long Segments;
    public long PayloadBytes;
    /// <summary>Segments whose bytes (all or some) had already been delivered: retransmissions and overlaps.</summary>
    public long RetransmittedSegments;
    /// <summary>Segments more than the largest possible window (2^30) ahead of or behind the stream: ignored.</summary>
    public long OutOfWindowSegments;
    /// <summary>Segments that arrived ahead of a gap and were held until it filled.</summary>
    public long OutOfOrderSegments;
    /// <summary>Gaps given up on (data never seen, or the out-of-order store full): the stream resynchronises after one.</summary>
    public long Gaps;
    public long ConnectionsOpened;
    /// <summary>Connections ended by FIN in both directions or by RST.</summary>
    public long ConnectionsClosed;
    /// <summary>Connections dropped after the idle timeout (capture time).</summary>
    public long ConnectionsExpired;
    /// <summary>Connections dropped because the connection table was full (least recently active first).</summary>
    public long ConnectionsEvicted;
    /// <summary>TLS connections (first bytes a TLS record, or port 5061 without a SIP start line): not parsed.</summary>
    public long TlsConnections;
    /// <summary>The TLS connections that can carry SIP: all but those on port 443 (HTTPS).</summary>
    public long EncryptedSipConnections;
    /// <summary>The TLS connections on port 5061 (SIP over TLS): what the report names as SIP it could not read.</summary>
    public long SipTlsPortConnections;
    /// <summary>Stream directions given up on: no SIP start line within the first bytes.</summary>
    public long NonSipStreams;

    public long Messages;
    /// <summary>RFC 5626 keep-alives: "\r\n\r\n" pings and "\r\n" pongs between messages.</summary>
    public long KeepalivePings;
    public long KeepalivePongs;
    /// <summary>Bytes skipped while looking for the next request or status line (garbage, or mid-message starts).</summary>
    public long SkippedBytes;
    /// <summary>Times the framer lost the message boundary and searched for the next start line.</summary>
    public long Resyncs;
    /// <summary>Messages or header sections larger than the stream buffer: delivered cut short, or dropped.</summary>
    public long OversizeMessages;
    /// <summary>Messages without Content-Length on TCP (RFC 3261 §18.3 requires it): taken as having no body.</summary>
    public long MissingContentLength;
    /// <summary>
    /// Unfinished messages and held segments given up because all TCP buffers together reached the
    /// <see cref="TcpBufferBudget"/>: the stream resynchronises on its next start line.
    /// </summary>
    public long BudgetDrops;
    /// <summary>Incomplete messages left in a stream when its connection ended.</summary>
    public long TruncatedAtClose;
}
