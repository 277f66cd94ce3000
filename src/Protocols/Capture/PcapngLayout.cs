namespace PcapSipAnalyzer.Protocols.Capture;

/// <summary>Field offsets and sizes of the pcapng blocks the reader interprets.</summary>
internal static class PcapngLayout
{
    /// <summary>Block type + total length + (for the SHB) byte-order magic: enough to frame any block.</summary>
    public const int FrameHeaderLength = 12;

    /// <summary>Type + total length in front, total length again behind.</summary>
    public const int BlockOverhead = 12;
    public const int BodyOffset = 8;
    public const int MinimumBlockLength = 12;

    public const uint ByteOrderMagic = 0x1A2B3C4D;
    public const uint ByteOrderMagicSwapped = 0x4D3C2B1A;
    public const int ShbByteOrderOffset = 8;
    public const int ShbMajorOffset = 12;
    public const int ShbOptionsOffset = 24;
    public const int ShbMinimumLength = 28;
    public const ushort SupportedMajorVersion = 1;

    public const int IdbLinkTypeOffset = 8;
    public const int IdbSnapLengthOffset = 12;
    public const int IdbOptionsOffset = 16;
    public const int IdbMinimumLength = 20;

    // EPB and the obsolete PB share this layout except for the interface id width.
    public const int EpbInterfaceOffset = 8;
    public const int EpbTimestampHighOffset = 12;
    public const int EpbTimestampLowOffset = 16;
    public const int EpbCapturedLengthOffset = 20;
    public const int EpbOriginalLengthOffset = 24;
    public const int EpbDataOffset = 28;
    public const int EpbMinimumLength = 32;

    public const int SpbOriginalLengthOffset = 8;
    public const int SpbDataOffset = 12;
    public const int SpbMinimumLength = 16;
}
