using System.Buffers.Binary;

namespace PcapSipAnalyzer.TestSupport;

/// <summary>
/// A capture holding the same traffic several times, each copy an hour after the one before: what
/// <c>editcap -t 3600</c> and <c>mergecap -a</c> make of a capture (the same Call-IDs, ports and SSRCs, later timestamps).
/// </summary>
public static class RepeatedCapture
{
    /// <summary>Writes the copies of <paramref name="source"/> (a little-endian microsecond pcap) to a temporary file.</summary>
    public static string Write(string source, int copies)
    {
        byte[] file = File.ReadAllBytes(source);
        if (BinaryPrimitives.ReadUInt32LittleEndian(file) != 0xa1b2c3d4u)
            throw new ArgumentException($"{source} is not a little-endian microsecond pcap", nameof(source));
        string path = ScratchFiles.Create("pcapsip-repeated", ".pcap");
        using var output = File.Create(path);
        output.Write(file, 0, 24);
        for (int copy = 0; copy < copies; copy++)
        {
            byte[] records = file[24..];
            for (int at = 0; at + 16 <= records.Length; at += 16 + (int)BinaryPrimitives.ReadUInt32LittleEndian(records.AsSpan(at + 8)))
            {
                var seconds = records.AsSpan(at, 4);
                BinaryPrimitives.WriteUInt32LittleEndian(seconds, BinaryPrimitives.ReadUInt32LittleEndian(seconds) + (uint)(copy * 3600));
            }
            output.Write(records);
        }
        return path;
    }
}
