using System.Buffers.Binary;
using PcapSipAnalyzer.Protocols.Frames;

namespace PcapSipAnalyzer.Fuzz;

/// <summary>
/// The fixtures hold no ERF, PPP, Cisco HDLC or PKTAP capture, so the frame target's seeds for those link types
/// are made here: the first few Ethernet frames that carry IPv4 are wrapped in each of their headers.
/// </summary>
internal static class LinkSeeds
{
    private const int WrappedFrames = 3;

    /// <summary>Each seed as it comes, and after each of the first Ethernet+IPv4 ones its wrapped variants.</summary>
    public static IEnumerable<byte[]> AddWrapped(IEnumerable<byte[]> seeds)
    {
        int ethernet = Array.IndexOf(FuzzTargets.FrameLinkTypes, LinkTypes.Ethernet);
        int wrapped = 0;
        foreach (var seed in seeds)
        {
            yield return seed;
            // An untagged Ethernet II frame with IPv4: the IP packet starts after the 14-byte header.
            if (wrapped == WrappedFrames || seed[0] != ethernet || seed.Length < 1 + 14 + 20
                || seed[13] != 0x08 || seed[14] != 0x00)
                continue;
            wrapped++;
            byte[] frame = seed[1..];
            byte[] ip = frame[14..];
            yield return Seed(LinkTypes.Erf, [.. ErfHeader(2, 2 + frame.Length), 0, 0, .. frame]);
            yield return Seed(LinkTypes.Erf, [.. ErfHeader(22 | 0x80, 8 + ip.Length), 4, 0, 0, 0, 0, 0, 0, 0, .. ip]);
            yield return Seed(LinkTypes.Ppp, [0xFF, 0x03, 0x00, 0x21, .. ip]);
            yield return Seed(LinkTypes.PppHdlc, [0x0F, 0x00, 0x08, 0x00, .. ip]);
            yield return Seed(LinkTypes.PppWithDirection, [1, 0xFF, 0x03, 0x00, 0x21, .. ip]);
            yield return Seed(LinkTypes.PppEther, [0x11, 0, 0, 1, (byte)((ip.Length + 2) >> 8), (byte)(ip.Length + 2), 0x00, 0x21, .. ip]);
            yield return Seed(LinkTypes.CiscoHdlc, [0x0F, 0x00, 0x08, 0x00, .. ip]);
            yield return Seed(LinkTypes.CiscoHdlcWithDirection, [0, 0x8F, 0x00, 0x08, 0x00, .. ip]);
            yield return Seed(LinkTypes.Pktap, [.. PktapHeader(LinkTypes.Ethernet), .. frame]);
        }
    }

    private static byte[] Seed(int linkType, byte[] frame) =>
        [(byte)Array.IndexOf(FuzzTargets.FrameLinkTypes, linkType), .. frame];

    private static byte[] ErfHeader(byte type, int bodyLength)
    {
        var header = new byte[16];
        header[8] = type;
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(10), (ushort)(16 + bodyLength));
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(14), (ushort)bodyLength);
        return header;
    }

    private static byte[] PktapHeader(int innerLinkType)
    {
        var header = new byte[108];
        BinaryPrimitives.WriteUInt32LittleEndian(header, 108);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(4), 1);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(8), (uint)innerLinkType);
        return header;
    }
}
