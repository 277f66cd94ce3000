using System.Buffers.Binary;
using System.IO.Compression;

namespace PcapSipAnalyzer.Protocols.Tests.Capture;

/// <summary>
/// The test's own, deliberately naive, idea of which fixtures are pcap or pcapng (by the first four bytes,
/// after gunzip), so it can tell "must read" files from "must reject" files without asking the reader.
/// </summary>
internal static class CaptureMagic
{
    public static bool IsPcapOrPcapng(string path)
    {
        byte[] head = new byte[4];
        using (var file = File.OpenRead(path))
        {
            if (file.ReadAtLeast(head, 4, throwOnEndOfStream: false) < 4)
            {
                return false;
            }
        }

        if (head[0] == 0x1F && head[1] == 0x8B)
        {
            using var gzip = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
            if (gzip.ReadAtLeast(head, 4, throwOnEndOfStream: false) < 4)
            {
                return false;
            }
        }

        uint magic = BinaryPrimitives.ReadUInt32LittleEndian(head);
        return magic is 0xA1B2C3D4 or 0xD4C3B2A1 or 0xA1B23C4D or 0x4D3CB2A1 or 0x0A0D0D0A;
    }
}
