using System.Buffers.Binary;

namespace PcapSipAnalyzer.Protocols.Frames;

/// <summary>Big-endian reads at an absolute offset; callers have checked the bounds.</summary>
internal static class NetworkOrder
{
    public static ushort U16(ReadOnlySpan<byte> data, int offset) => BinaryPrimitives.ReadUInt16BigEndian(data.Slice(offset, 2));

    public static uint U32(ReadOnlySpan<byte> data, int offset) => BinaryPrimitives.ReadUInt32BigEndian(data.Slice(offset, 4));
}
