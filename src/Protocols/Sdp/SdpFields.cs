namespace PcapSipAnalyzer.Protocols.Sdp;

/// <summary>
/// The fields of an SDP line's value, separated by spaces or tabs, read once from left to right: an m= line may
/// list a hundred formats, and finding each from the start of the line again made the line's cost quadratic.
/// </summary>
internal ref struct SdpFields
{
    private readonly ReadOnlySpan<byte> _value;
    private int _next;

    public SdpFields(ReadOnlySpan<byte> value) => _value = value;

    /// <summary>The next field; false (and empty) when there are no more.</summary>
    public bool TryNext(out ReadOnlySpan<byte> field)
    {
        int i = _next;
        while (i < _value.Length && _value[i] is (byte)' ' or (byte)'\t') i++;
        int start = i;
        while (i < _value.Length && _value[i] is not ((byte)' ' or (byte)'\t')) i++;
        _next = i;
        field = _value[start..i];
        return start < i;
    }

    /// <summary>The n-th (0-based) field; empty when there are fewer.</summary>
    public static ReadOnlySpan<byte> Nth(ReadOnlySpan<byte> value, int n)
    {
        var fields = new SdpFields(value);
        for (int i = 0; fields.TryNext(out var field); i++)
            if (i == n) return field;
        return default;
    }
}
