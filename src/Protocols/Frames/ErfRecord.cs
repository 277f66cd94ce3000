namespace PcapSipAnalyzer.Protocols.Frames;

/// <summary>
/// Endace ERF records (LINKTYPE_ERF, 197), as DAG capture cards write them into pcap and pcapng: a 16-byte
/// record header (timestamp, type, flags, rlen, loss counter or colour, wlen), 8-byte extension headers while
/// the type byte's high bit (and then each extension's) says another follows, then a type-specific sub-header
/// and the frame. Ethernet, IPv4/IPv6 and PoS (PPP / Cisco HDLC) records are decoded; the others (ATM, AAL,
/// InfiniBand, raw link) are reported as not decoded.
/// </summary>
internal static class ErfRecord
{
    public const int TimestampOffset = 0;
    public const int TypeOffset = 8;
    public const int FlagsOffset = 9;
    public const int RecordLengthOffset = 10;
    public const int LossCounterOffset = 12;
    public const int WireLengthOffset = 14;
    public const int HeaderLength = 16;
    public const int ExtensionLength = 8;
    /// <summary>In the type byte and in each extension header's first byte: another extension header follows.</summary>
    public const byte MoreExtensions = 0x80;
    public const byte TypeMask = 0x7F;
    /// <summary>Ethernet records start with an offset byte and a pad byte, so the IP header lands 4-byte aligned.</summary>
    public const int EthernetPadLength = 2;
    /// <summary>Multichannel records start with a 4-byte channel header.</summary>
    public const int MultichannelHeaderLength = 4;

    public const byte HdlcPos = 1;
    public const byte Eth = 2;
    public const byte McHdlc = 5;
    public const byte ColorHdlcPos = 10;
    public const byte ColorEth = 11;
    public const byte DsmColorHdlcPos = 15;
    public const byte DsmColorEth = 16;
    public const byte ColorMcHdlcPos = 17;
    public const byte ColorHashPos = 19;
    public const byte ColorHashEth = 20;
    public const byte Ipv4 = 22;
    public const byte Ipv6 = 23;
    /// <summary>Provenance metadata (capture host, interfaces): no packet in it.</summary>
    public const byte Meta = 27;
    /// <summary>Padding the card writes to fill a buffer: no packet in it.</summary>
    public const byte Pad = 48;

    public static void Decode(ReadOnlySpan<byte> data, ref DecodedFrame frame)
    {
        if (data.Length < HeaderLength)
        {
            frame.Layers |= FrameLayers.Truncated;
            return;
        }
        byte type = data[TypeOffset];
        int offset = HeaderLength;
        for (bool more = (type & MoreExtensions) != 0; more; offset += ExtensionLength)
        {
            if (data.Length - offset < ExtensionLength)
            {
                frame.Layers |= FrameLayers.Truncated;
                return;
            }
            more = (data[offset] & MoreExtensions) != 0;
        }
        DecodePayload((byte)(type & TypeMask), data, offset, ref frame);
    }

    private static void DecodePayload(byte type, ReadOnlySpan<byte> data, int offset, ref DecodedFrame frame)
    {
        switch (type)
        {
            case Eth or ColorEth or DsmColorEth or ColorHashEth:
                if (data.Length - offset < EthernetPadLength)
                    frame.Layers |= FrameLayers.Truncated;
                else
                    EthernetHeader.Decode(data, offset + EthernetPadLength, ref frame, 0);
                return;
            case Ipv4:
                NetworkLayer.Decode(EtherTypes.Ipv4, data, offset, ref frame, 0);
                return;
            case Ipv6:
                NetworkLayer.Decode(EtherTypes.Ipv6, data, offset, ref frame, 0);
                return;
            case HdlcPos or ColorHdlcPos or DsmColorHdlcPos or ColorHashPos:
                PppLink.Decode(data, offset, ref frame, 0);
                return;
            case McHdlc or ColorMcHdlcPos:
                if (data.Length - offset < MultichannelHeaderLength)
                    frame.Layers |= FrameLayers.Truncated;
                else
                    PppLink.Decode(data, offset + MultichannelHeaderLength, ref frame, 0);
                return;
            case Meta or Pad:
                frame.Layers |= FrameLayers.Unsupported;
                return;
            default:
                frame.Layers |= FrameLayers.Unsupported | FrameLayers.LinkNotDecoded;
                return;
        }
    }
}
