namespace PcapSipAnalyzer.Protocols.Sip;

/// <summary>
/// Walks the header lines of a message (the bytes between the start line and the empty line), giving each
/// header's name and raw value as spans. A line that starts with SP or HT continues the previous header
/// (obsolete line folding); the value then spans the CRLF, which value readers treat as white space.
/// </summary>
internal ref struct SipHeaderReader
{
    private ReadOnlySpan<byte> _rest;
    // Set by ToEmptyLine: the bytes run on past the header section, whose end the walk finds itself.
    private bool _untilEmptyLine;
    private int _length;

    public SipHeaderReader(ReadOnlySpan<byte> headerBlock) => _rest = headerBlock;

    /// <summary>
    /// Walks the header lines that follow a start line, up to the empty line that ends them (CRLF or LF, as
    /// <see cref="SipFraming.FindHeaderEnd(ReadOnlySpan{byte})"/> finds it): the parser's one pass over its lines, where
    /// finding that end first was a search of its own over the whole section. The headers read are those of the section
    /// read as a block with the line ends at its end trimmed off.
    /// </summary>
    public static SipHeaderReader ToEmptyLine(ReadOnlySpan<byte> afterStartLine) =>
        new(afterStartLine) { _untilEmptyLine = true, _length = afterStartLine.Length, SectionEnd = -1 };

    /// <summary>
    /// For <see cref="ToEmptyLine"/>, once the walk has ended: the length of the header lines with the empty line that
    /// ends them, or -1 when the bytes ran out first.
    /// </summary>
    public int SectionEnd { get; private set; }

    public ReadOnlySpan<byte> Name { get; private set; }
    public ReadOnlySpan<byte> Value { get; private set; }
    /// <summary>The current line has no colon or an empty name: not a header.</summary>
    public bool IsMalformed { get; private set; }

    public bool MoveNext()
    {
        if (_rest.IsEmpty) return false;
        if (_untilEmptyLine && _rest[0] is (byte)'\r' or (byte)'\n' && AtSectionEnd()) return false;
        int end = LogicalLineEnd(_rest);
        var line = _rest[..end];
        _rest = end < _rest.Length ? _rest[(end + 1)..] : default;
        int colon = ReadName(line, out var name);
        IsMalformed = colon < 0;
        Name = name;
        Value = IsMalformed ? line : line[(colon + 1)..];
        return true;
    }

    /// <summary>
    /// The line's first colon and the header name before it, white space around the name trimmed off; -1 (and no
    /// name) when there is no colon, or the name is empty or holds white space: not a header. One pass over the few
    /// bytes of a name, where a search for the colon, a trim and a search for white space in the name were three
    /// calls per line; a line whose colon is not among its first bytes is looked at as before.
    /// </summary>
    private static int ReadName(ReadOnlySpan<byte> line, out ReadOnlySpan<byte> name)
    {
        const int ScannedBytes = 32;
        name = default;
        int limit = Math.Min(line.Length, ScannedBytes);
        int start = -1, end = 0; // the name's first byte and the end of its last non-white one so far
        for (int i = 0; i < limit; i++)
        {
            byte b = line[i];
            // A name's letters, digits and marks all lie above the space: one comparison for most bytes.
            if (b <= (byte)' ' || b == (byte)':')
            {
                if (b == (byte)':')
                {
                    if (start < 0) return -1;
                    name = line[start..end];
                    return i;
                }
                if (SipText.IsLws(b)) continue;
            }
            if (start < 0) start = i;
            else if (end < i) return -1; // white space inside the name
            end = i + 1;
        }
        if (limit == line.Length) return -1; // no colon
        int colon = line.IndexOf((byte)':');
        var trimmed = colon > 0 ? SipText.Trim(line[..colon]) : default;
        if (trimmed.IsEmpty || SipText.ContainsLws(trimmed)) return -1;
        name = trimmed;
        return colon;
    }

    // At the start of a line: true at the empty line (LF, or CRLF) that ends the section. A line that starts with a
    // bare CR is rare (a line of CRs, stray bytes): from there the section's end is found as the framer finds it, and
    // the rest is read as one block with the line ends at its end trimmed off, as the whole section was read before
    // the walk found the end itself (a line of CRs just before the end is then no header).
    private bool AtSectionEnd()
    {
        int at = _length - _rest.Length;
        if (_rest[0] == (byte)'\n' || (_rest.Length > 1 && _rest[1] == (byte)'\n'))
        {
            SectionEnd = at + (_rest[0] == (byte)'\n' ? 1 : 2);
            _rest = default;
            return true;
        }
        int end = SipFraming.FindHeaderEnd(_rest);
        SectionEnd = end < 0 ? -1 : at + end;
        var section = end < 0 ? _rest : _rest[..end];
        while (!section.IsEmpty && section[^1] is (byte)'\r' or (byte)'\n') section = section[..^1];
        _rest = section;
        _untilEmptyLine = false;
        return _rest.IsEmpty;
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
