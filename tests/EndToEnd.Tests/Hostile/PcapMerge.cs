using System.Buffers.Binary;

namespace PcapSipAnalyzer.EndToEnd.Tests.Hostile;

/// <summary>
/// Merges little-endian microsecond pcap files of one link type by timestamp, as mergecap does, so a test can
/// lay synthesized traffic over a lab capture without tools the CI machine may lack.
/// </summary>
public static class PcapMerge
{
    public static void Merge(string output, params string[] inputs)
    {
        var records = new List<(long Micros, int Order, byte[] Record)>();
        byte[]? header = null;
        foreach (var input in inputs)
        {
            var bytes = File.ReadAllBytes(input);
            Assert.Equal(0xA1B2C3D4u, BinaryPrimitives.ReadUInt32LittleEndian(bytes));
            header ??= bytes[..24];
            for (int at = 24; at + 16 <= bytes.Length;)
            {
                int length = 16 + BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(at + 8));
                long micros = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(at)) * 1_000_000L
                              + BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(at + 4));
                records.Add((micros, records.Count, bytes[at..(at + length)]));
                at += length;
            }
        }
        records.Sort((a, b) => a.Micros != b.Micros ? a.Micros.CompareTo(b.Micros) : a.Order.CompareTo(b.Order));
        using var file = new BufferedStream(File.Create(output), 1 << 20);
        file.Write(header);
        foreach (var r in records) file.Write(r.Record);
    }

    /// <summary>The timestamp of the first record, in ns since the epoch.</summary>
    public static long FirstTimestampNs(string input)
    {
        var head = new byte[40];
        using (var file = File.OpenRead(input)) file.ReadExactly(head);
        return BinaryPrimitives.ReadUInt32LittleEndian(head.AsSpan(24)) * 1_000_000_000L
               + BinaryPrimitives.ReadUInt32LittleEndian(head.AsSpan(28)) * 1_000L;
    }
}
