namespace PcapSipAnalyzer.Protocols.Capture;

/// <summary>pcapng option codes the reader and writer use.</summary>
public static class PcapngOptionCode
{
    public const ushort EndOfOptions = 0;
    public const ushort Comment = 1;
    public const ushort ShbHardware = 2;
    public const ushort ShbOs = 3;
    public const ushort ShbUserApplication = 4;
    public const ushort IfName = 2;
    public const ushort IfDescription = 3;
    public const ushort IfTimestampResolution = 9;
    public const ushort IfFcsLength = 13;
    public const ushort IfTimestampOffset = 14;
    public const ushort EpbFlags = 2;
}
