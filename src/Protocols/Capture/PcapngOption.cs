namespace PcapSipAnalyzer.Protocols.Capture;

/// <summary>One pcapng option: its code and its value bytes (padding excluded).</summary>
public readonly ref struct PcapngOption
{
    public PcapngOption(ushort code, ReadOnlySpan<byte> value)
    {
        Code = code;
        Value = value;
    }

    public ushort Code { get; }
    public ReadOnlySpan<byte> Value { get; }
}
