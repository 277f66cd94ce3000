using System.Runtime.InteropServices;
using PcapSipAnalyzer.Analyzer.Packets;
using PcapSipAnalyzer.Analyzer.Points;
using PcapSipAnalyzer.Protocols.Frames;
using PcapSipAnalyzer.Protocols.Sip;

namespace PcapSipAnalyzer.Analyzer.Sip;

/// <summary>
/// Decides "resent" the way Wireshark's SIP dissector does for <c>-z sip,stat</c>, so our count equals
/// tshark's: per Call-ID and direction (source and destination address and port) it remembers the last CSeq
/// and what was seen; a request is resent when the previous message that way was the same request (ACK and
/// CANCEL excepted), a final response when the previous one that way was the same final status. UDP only.
/// This is not our transaction-level retransmission count, which follows RFC 3261 and every transport.
/// </summary>
internal sealed class ResendDetector
{
    private readonly GenerationalMap<Key, Entry> _entries;

    public ResendDetector(int capacityPerGeneration, SharedCount? total = null) => _entries = new(capacityPerGeneration, total);

    public long Evicted => _entries.Evicted;

    /// <summary>Records the message and returns true when tshark would mark it as resent.</summary>
    public bool IsResend(in PacketMeta meta, SipMessage message)
    {
        if (meta.Transport != Transport.Udp || message.CSeq < 0 || message.CallId is null) return false;
        var key = new Key(meta.Point, message.CallId, meta.SourceIp, meta.SourcePort, meta.DestinationIp, meta.DestinationPort);
        string method = message.CSeqMethod ?? "";
        ref var entry = ref _entries.GetOrAdd(key, out bool found);
        if (!found) entry = new Entry { CSeq = message.CSeq, Method = method };

        bool resend;
        if (message.IsRequest)
        {
            resend = entry.CSeq == message.CSeq && entry.State == State.Request && entry.Method == method
                     && method != "ACK" && method != "CANCEL";
            entry.State = State.Request;
        }
        else
        {
            int status = message.StatusCode;
            resend = entry.CSeq == message.CSeq && entry.State == State.Final && entry.Method == method
                     && status >= 200 && status == entry.Status;
            if (status >= 200)
            {
                entry.Status = status;
                entry.State = State.Final;
            }
            else
            {
                entry.State = State.Provisional;
            }
        }
        entry.CSeq = message.CSeq;
        entry.Method = method;
        return resend;
    }

    // tshark looks at one file; the capture index keeps copies seen at two capture points apart. Hashed once
    // when made (seeded per process over every field): a new Call-ID is looked up in both generations and added.
    // The Call-ID is held as its 64-bit keyed hash, not as the string: a flood's Call-IDs are each new, and the
    // map's two generations kept every one of them alive through collections that would otherwise have freed it
    // young. Two Call-IDs of one pair of endpoints share a hash once in 2^64, and a sender cannot choose them to.
    private readonly struct Key : IEquatable<Key>
    {
        private readonly int _capture;
        private readonly ulong _callId;
        private readonly NetAddress _source, _destination;
        private readonly int _ports;
        private readonly int _hash;

        public Key(int capture, string callId, NetAddress source, ushort sourcePort, NetAddress destination, ushort destinationPort)
        {
            _capture = capture;
            _callId = PayloadHash.Of(MemoryMarshal.AsBytes(callId.AsSpan()));
            _source = source;
            _destination = destination;
            _ports = sourcePort | (destinationPort << 16);
            _hash = PacketHash.Of((uint)capture | ((ulong)(uint)_ports << 32), _callId, Word(source), source.Low, Word(destination), destination.Low);
        }

        private static ulong Word(NetAddress a) => a.High ^ (a.IsV6 ? 1UL << 63 : 0);

        public override int GetHashCode() => _hash;

        public bool Equals(Key other) =>
            _hash == other._hash && _callId == other._callId && _capture == other._capture && _ports == other._ports
            && _source == other._source && _destination == other._destination;

        public override bool Equals(object? obj) => obj is Key other && Equals(other);
    }

    private enum State : byte { Nothing, Request, Provisional, Final }

    // A struct held in the map: under a flood of new Call-IDs every message adds one, and as objects they lived
    // two generations of the map, long enough for the collector to copy each twice.
    private struct Entry
    {
        public long CSeq;
        public string Method;
        public State State;
        public int Status;
    }
}
