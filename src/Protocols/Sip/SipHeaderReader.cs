namespace PcapSipAnalyzer.Protocols.Sip;

/// <summary>
/// Walks the header lines of a message (the bytes between the start line and the empty line), giving each
/// header's name and raw value as spans. A line that starts with SP or HT continues the previous header
/// (obsolete line folding); the value then spans the CRLF, which value readers treat as white space.
/// </summary>
internal ref struct SipHeaderReader
{
    private ReadOnlySpan<byte> _rest;

    public SipHeaderReader(ReadOnlySpan<byte> headerBlock) => _rest = headerBlock;

    public ReadOnlySpan<byte> Name { get; private set; }
    public ReadOnlySpan<byte> Value { get; private set; }
    /// <summary>The current line has no colon or an empty name: not a header.</summary>
    public bool IsMalformed { get; private set; }

    public bool MoveNext()
    {
        if (_rest.IsEmpty) return false;
        int end = LogicalLineEnd(_rest);
        var line = _rest[..end];
        _rest = end < _rest.Length ? _rest[(end + 1)..] : default;
        int colon = line.IndexOf((byte)':');
        var name = colon > 0 ? SipText.Trim(line[..colon]) : default;
        IsMalformed = name.IsEmpty || SipText.ContainsLws(name);
        Name = IsMalformed ? default : name;
        Value = IsMalformed ? line : line[(colon + 1)..];
        return true;
    }

    /// <summary>Index of the LF that ends the header (a LF followed by SP/HT does not), or the length.</summary>
    private static int LogicalLineEnd(ReadOnlySpan<byte> s)
    {
        int from = 0;
        while (true)
        {
            int lf = s[from..].IndexOf((byte)'\n');
            if (lf < 0) return s.Length;
            lf += from;
            if (lf + 1 < s.Length && s[lf + 1] is (byte)' ' or (byte)'\t')
            {
                from = lf + 1;
                continue;
            }
            return lf;
        }
    }
}
