namespace PcapSipAnalyzer.Analyzer.Sip;

/// <summary>
/// A Call-ID with a second value (a dialog tag, a registration's AOR) at one capture point, as a dictionary key
/// hashed once when made: the SIP tables look the same key up several times per message (find, add, remove),
/// and each look-up of a tuple of strings hashed both strings again.
/// </summary>
internal readonly struct CallIdKey : IEquatable<CallIdKey>
{
    private readonly int _point;
    private readonly string _callId;
    private readonly string _other;
    private readonly int _hash;

    // Seeded per process, so crafted Call-IDs cannot be made to collide.
    public CallIdKey(int point, string callId, string other) : this(point, callId, other, HashCode.Combine(point, callId, other))
    {
    }

    /// <summary>The key made again with the hash it had (<see cref="GetHashCode"/>): hashing both strings is most of making it.</summary>
    public CallIdKey(int point, string callId, string other, int hash)
    {
        _point = point;
        _callId = callId;
        _other = other;
        _hash = hash;
    }

    public override int GetHashCode() => _hash;

    public bool Equals(CallIdKey other) =>
        _hash == other._hash && _point == other._point && _callId == other._callId && _other == other._other;

    public override bool Equals(object? obj) => obj is CallIdKey other && Equals(other);
}
