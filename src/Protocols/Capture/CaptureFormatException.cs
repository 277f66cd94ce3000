namespace PcapSipAnalyzer.Protocols.Capture;

/// <summary>
/// The file is not a readable capture at some point: not a capture at all, an unsupported version, or an
/// impossible block/record length. Names the byte offset and the block/record number so the user can look.
/// </summary>
public sealed class CaptureFormatException : FormatException
{
    public CaptureFormatException(string message, long fileOffset, long recordNumber)
        : base(message)
    {
        FileOffset = fileOffset;
        RecordNumber = recordNumber;
    }

    /// <summary>Byte offset (in the decompressed stream) of the offending header.</summary>
    public long FileOffset { get; }

    /// <summary>1-based number of the pcap record or pcapng block that is broken (0 = file header).</summary>
    public long RecordNumber { get; }
}
