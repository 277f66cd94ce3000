using PcapSipAnalyzer.TestSupport;

namespace PcapSipAnalyzer.EndToEnd.Tests.Hostile;

/// <summary>
/// An undamaged fixture: its bytes, its records (walked independently of the reader) and where each packet the
/// reader delivers from it ends, so a test knows how many packets lie wholly before any byte offset.
/// </summary>
public sealed class CaptureOriginal
{
    private readonly long[] _packetEnds;

    private CaptureOriginal(string relativePath, byte[] bytes, List<CaptureRecord> records, long[] packetEnds)
    {
        RelativePath = relativePath;
        Bytes = bytes;
        Records = records;
        _packetEnds = packetEnds;
    }

    public string RelativePath { get; }
    public byte[] Bytes { get; }
    public List<CaptureRecord> Records { get; }
    public bool IsPcapng => CaptureLayout.IsPcapng(Bytes);
    public long Packets => _packetEnds.Length;

    /// <summary>Records that carry packets the reader delivers.</summary>
    public IEnumerable<CaptureRecord> PacketRecords => Records.Where(r => r.IsPacket && Array.BinarySearch(_packetEnds, r.End) >= 0);

    public static CaptureOriginal Load(string relativePath)
    {
        var bytes = File.ReadAllBytes(Fixtures.PathOf(relativePath));
        var records = CaptureLayout.Records(bytes);
        var (recorder, _, error) = PacketRecorder.Read(new MemoryStream(bytes), relativePath);
        Assert.Null(error);
        var ends = recorder.Packets.Select(p => records.Single(r => r.Offset == p.FileOffset).End).Order().ToArray();
        Assert.Equal(records[^1].End, bytes.Length); // the walk covered the whole file
        return new CaptureOriginal(relativePath, bytes, records, ends);
    }

    /// <summary>Packets the reader delivers from records that end at or before <paramref name="offset"/>.</summary>
    public long PacketsEndingBy(long offset)
    {
        int i = Array.BinarySearch(_packetEnds, offset);
        if (i < 0) return ~i;
        while (i + 1 < _packetEnds.Length && _packetEnds[i + 1] == offset) i++;
        return i + 1;
    }

    public byte[] Copy() => (byte[])Bytes.Clone();
}
