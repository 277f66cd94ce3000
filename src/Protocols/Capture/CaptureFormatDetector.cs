using System.Buffers.Binary;

namespace PcapSipAnalyzer.Protocols.Capture;

/// <summary>Tells pcap from pcapng by the first four bytes, never by the file name.</summary>
internal static class CaptureFormatDetector
{
    public static CaptureFormat Detect(ReadOnlySpan<byte> magic)
    {
        if (magic.IsEmpty)
        {
            CaptureErrors.Throw("empty file, not a capture", 0, 0, "file header");
        }

        if (magic.Length >= 4)
        {
            uint value = BinaryPrimitives.ReadUInt32LittleEndian(magic);
            uint swapped = BinaryPrimitives.ReverseEndianness(value);
            if (value is PcapLayout.MicrosecondMagic or PcapLayout.NanosecondMagic
                || swapped is PcapLayout.MicrosecondMagic or PcapLayout.NanosecondMagic)
            {
                return CaptureFormat.Pcap;
            }

            if (value == PcapngBlockType.SectionHeader)
            {
                return CaptureFormat.Pcapng;
            }
        }

        CaptureErrors.Throw($"not a pcap or pcapng file (starts with {CaptureErrors.Hex(magic)})", 0, 0, "file header");
        return CaptureFormat.Unknown;
    }
}
