namespace PcapSipAnalyzer.Protocols.Sip;

/// <summary>
/// Splits a header value at its commas (RFC 3261 §7.3.1), except commas inside quoted strings and, for
/// name-addr headers, inside &lt;…&gt; (a display name "Smith, John" or a URI parameter must not split).
/// Empty items are skipped.
/// </summary>
internal ref struct SipValueList
{
    private ReadOnlySpan<byte> _rest;
    private readonly bool _skipAngles;
    private bool _done;

    public SipValueList(ReadOnlySpan<byte> value, bool skipAngles)
    {
        _rest = value;
        _skipAngles = skipAngles;
        _done = false;
    }

    public ReadOnlySpan<byte> Current { get; private set; }

    public bool MoveNext()
    {
        while (!_done)
        {
            int comma = SipText.IndexOfUnquoted(_rest, (byte)',', _skipAngles);
            ReadOnlySpan<byte> item;
            if (comma < 0)
            {
                item = _rest;
                _done = true;
            }
            else
            {
                item = _rest[..comma];
                _rest = _rest[(comma + 1)..];
            }
            item = SipText.Trim(item);
            if (item.IsEmpty) continue;
            Current = item;
            return true;
        }
        return false;
    }
}
