namespace PcapSipAnalyzer.Protocols.Sip;

/// <summary>
/// Walks ";name[=value]" header parameters in order (the text from the first ';'): each one's trimmed name and
/// value (empty without '='). A reader that wants several parameters of one header walks them once.
/// </summary>
internal ref struct SipParameterReader
{
    private ReadOnlySpan<byte> _rest;

    public SipParameterReader(ReadOnlySpan<byte> parameters) => _rest = parameters;

    public ReadOnlySpan<byte> Name { get; private set; }
    public ReadOnlySpan<byte> Value { get; private set; }

    public bool MoveNext()
    {
        if (_rest.IsEmpty) return false;
        int semi = SipText.IndexOfUnquoted(_rest, (byte)';', skipAngles: false);
        var item = semi < 0 ? _rest : _rest[..semi];
        _rest = semi < 0 ? default : _rest[(semi + 1)..];
        int eq = item.IndexOf((byte)'=');
        Name = SipText.Trim(eq < 0 ? item : item[..eq]);
        Value = eq < 0 ? default : SipText.Trim(item[(eq + 1)..]);
        return true;
    }
}
