namespace PcapSipAnalyzer.Protocols.Capture;

/// <summary>Byte layout of the classic libpcap file format (tcpdump.org/manpages/pcap-savefile.5).</summary>
internal static class PcapLayout
{
    /// <summary>Magic of a microsecond file, as read in the file's own byte order.</summary>
    public const uint MicrosecondMagic = 0xA1B2C3D4;

    /// <summary>Magic of a nanosecond file, as read in the file's own byte order.</summary>
    public const uint NanosecondMagic = 0xA1B23C4D;

    public const int FileHeaderLength = 24;
    public const int VersionMajorOffset = 4;
    public const int VersionMinorOffset = 6;
    public const int SnapLengthOffset = 16;
    public const int LinkTypeOffset = 20;
    public const ushort SupportedMajorVersion = 2;

    public const int RecordHeaderLength = 16;
    public const int SecondsOffset = 0;
    public const int FractionOffset = 4;
    public const int CapturedLengthOffset = 8;
    public const int OriginalLengthOffset = 12;

    /// <summary>The link type proper lives in the low 16 bits of the header's link-type field.</summary>
    public const uint LinkTypeMask = 0xFFFF;

    /// <summary>Bit 26: the FCS length in bits 28–31 is valid.</summary>
    public const uint FcsPresentBit = 0x0400_0000;
    public const int FcsLengthShift = 28;
}
