using System.Buffers.Binary;

namespace PcapSipAnalyzer.Benchmarks.Capture;

/// <summary>What the capture reader is held against: the simplest correct loop over a capture.</summary>
public sealed class BlockLoopBaseline
{
    private const int BlockSize = 1 << 20;
    private readonly byte[] _block = new byte[BlockSize + 64 * 1024];

    /// <summary>
    /// The baseline: read 1 MiB at a time, walk whole records in the block, carry a partial record over to
    /// the next block. No framing checks beyond the lengths, no sink.
    /// </summary>
    public long Walk(Stream stream, bool pcapng)
    {
        long total = 0;
        int carried = 0;
        bool header = true;
        while (true)
        {
            int read = stream.Read(_block, carried, BlockSize);
            int length = carried + read;
            int at = 0;
            if (header)
            {
                at = pcapng ? (int)BinaryPrimitives.ReadUInt32LittleEndian(_block.AsSpan(4)) : 24;
                header = false;
            }

            while (true)
            {
                var rest = _block.AsSpan(at, length - at);
                if (rest.Length < 16)
                {
                    break;
                }

                int recordLength = pcapng
                    ? (int)BinaryPrimitives.ReadUInt32LittleEndian(rest[4..])
                    : 16 + (int)BinaryPrimitives.ReadUInt32LittleEndian(rest[8..]);
                if (rest.Length < recordLength)
                {
                    break;
                }

                // Touch what the reader touches: timestamp, lengths, first data byte.
                int dataOffset = pcapng ? 28 : 16;
                total += BinaryPrimitives.ReadUInt32LittleEndian(rest[(pcapng ? 16 : 4)..]) + rest[dataOffset];
                at += recordLength;
            }

            carried = length - at;
            _block.AsSpan(at, carried).CopyTo(_block);
            if (read == 0)
            {
                return total;
            }
        }
    }
}
