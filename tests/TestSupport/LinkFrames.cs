using System.Buffers.Binary;

namespace PcapSipAnalyzer.TestSupport;

/// <summary>
/// Link-layer headers of the less common link types (ERF, PPP, Cisco HDLC, PKTAP) and VXLAN, built byte by byte
/// around a payload for the decoder's tests, as <see cref="PacketBuilder"/> builds Ethernet and IP.
/// </summary>
public static class LinkFrames
{
    /// <summary>
    /// One ERF record: the 16-byte header (timestamp little-endian, type, flags, rlen, lctr, wlen big-endian),
    /// <paramref name="extensions"/> 8-byte extension headers chained by their high bit, then the body.
    /// </summary>
    public static byte[] Erf(byte type, byte[] body, int extensions = 0, ushort wireLength = 0)
    {
        var record = new byte[16 + 8 * extensions + body.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(record, 0x6571_2D80_8000_0000UL);
        record[8] = (byte)(type | (extensions > 0 ? 0x80 : 0));
        record[9] = 0x04; // varying-length record, interface 0
        BinaryPrimitives.WriteUInt16BigEndian(record.AsSpan(10), (ushort)record.Length);
        BinaryPrimitives.WriteUInt16BigEndian(record.AsSpan(14), wireLength != 0 ? wireLength : (ushort)body.Length);
        for (int i = 0; i < extensions; i++)
        {
            int at = 16 + 8 * i;
            // Type 4 is a flow id extension: harmless to any reader; the high bit chains the next one.
            record[at] = (byte)(4 | (i < extensions - 1 ? 0x80 : 0));
        }
        body.CopyTo(record, 16 + 8 * extensions);
        return record;
    }

    /// <summary>An ERF Ethernet body: the offset and pad bytes, the frame, and a (zero) FCS as DAG cards keep it.</summary>
    public static byte[] ErfEthernet(byte[] ethernetFrame) => [0, 0, .. ethernetFrame, 0, 0, 0, 0];

    /// <summary>PPP in HDLC-like framing (FF 03) with a 2-byte protocol: 0x0021 IPv4, 0x0057 IPv6.</summary>
    public static byte[] PppHdlc(ushort protocol, byte[] payload) => [0xFF, 0x03, .. Be16(protocol), .. payload];

    /// <summary>PPP without the address and control bytes, as LINKTYPE_PPP allows.</summary>
    public static byte[] PppBare(ushort protocol, byte[] payload) => [.. Be16(protocol), .. payload];

    /// <summary>Cisco HDLC: unicast address 0F, control 00, EtherType.</summary>
    public static byte[] CiscoHdlc(ushort etherType, byte[] payload) => [0x0F, 0x00, .. Be16(etherType), .. payload];

    /// <summary>Apple PKTAP: a 108-byte little-endian header naming the inner DLT, here with interface en0.</summary>
    public static byte[] Pktap(int innerLinkType, byte[] frame)
    {
        var header = new byte[108];
        BinaryPrimitives.WriteUInt32LittleEndian(header, 108);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(4), 1);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(8), (uint)innerLinkType);
        "en0"u8.CopyTo(header.AsSpan(12));
        return [.. header, .. frame];
    }

    /// <summary>VXLAN header (I flag, the VNI) in front of an Ethernet frame; goes in UDP to port 4789.</summary>
    public static byte[] Vxlan(uint vni, byte[] ethernetFrame) =>
        [0x08, 0, 0, 0, (byte)(vni >> 16), (byte)(vni >> 8), (byte)vni, 0, .. ethernetFrame];

    private static byte[] Be16(ushort value) => [(byte)(value >> 8), (byte)value];
}
