using PcapSipAnalyzer.Protocols.Rtp;

namespace PcapSipAnalyzer.Protocols.Tests.Rtp;

public class RtpHeaderTests
{
    [Fact]
    public void Reads_every_field_and_skips_csrcs_extension_and_padding()
    {
        // V=2 P=1 X=1 CC=1 | M=1 PT=101 | seq 0xBEEF | ts 0x01020304 | ssrc 0xCAFEBABE | 1 CSRC | ext 1 word | 3 payload | 2 pad
        byte[] b = [0xB1, 0xE5, 0xBE, 0xEF, 1, 2, 3, 4, 0xCA, 0xFE, 0xBA, 0xBE, 0, 0, 0, 9, 0xBE, 0xDE, 0, 1, 0, 0, 0, 0, 7, 8, 9, 0, 2];
        Assert.True(RtpHeader.TryParse(b, out var h));
        Assert.Equal((2, true, true, 1, true, 101), ((int)h.Version, h.Padding, h.Extension, (int)h.CsrcCount, h.Marker, (int)h.PayloadType));
        Assert.Equal((0xBEEF, 0x01020304u, 0xCAFEBABEu), ((int)h.SequenceNumber, h.Timestamp, h.Ssrc));
        Assert.Equal((24, 3), (h.PayloadOffset, h.PayloadLength));
    }

    [Theory]
    [InlineData(new byte[] { 0x40, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1 })]  // version 1
    [InlineData(new byte[] { 0x80, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0 })]     // 11 bytes
    [InlineData(new byte[] { 0x8F, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1 })]  // 15 CSRCs promised, none there
    [InlineData(new byte[] { 0x90, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 5 })] // extension of 5 words missing
    public void Rejects_what_cannot_be_rtp(byte[] bytes) => Assert.False(RtpHeader.TryParse(bytes, out _));

    [Theory]
    [InlineData(0, "g711U", 8000)]
    [InlineData(8, "g711A", 8000)]
    [InlineData(9, "g722", 8000)]
    [InlineData(18, "g729", 8000)]
    [InlineData(13, "CN", 8000)]
    [InlineData(34, "h263", 90000)]
    [InlineData(50, "Unassigned", 0)]
    [InlineData(101, "RTPType-101", 0)]
    public void Static_payload_types_have_wiresharks_names_and_clocks(int pt, string name, int clock)
    {
        Assert.Equal(name, RtpPayloadTypes.Name(pt));
        Assert.Equal(clock, RtpPayloadTypes.StaticClockRate(pt));
    }

    [Fact]
    public void Dynamic_clock_rates_follow_the_longest_known_encoding_name()
    {
        Assert.Equal(48000, RtpPayloadTypes.DynamicClockRate("OPUS"));
        Assert.Equal(16000, RtpPayloadTypes.DynamicClockRate("AMR-WB"));
        Assert.Equal(8000, RtpPayloadTypes.DynamicClockRate("AMR"));
        Assert.Equal(0, RtpPayloadTypes.DynamicClockRate("speex"));
        Assert.True(RtpPayloadTypes.IsTelephoneEvent("telephone-event"));
    }

    [Theory]
    [InlineData(0x80, 0x00, RtpPacketKind.Rtp)]
    [InlineData(0x80, 0xE5, RtpPacketKind.Rtp)]   // marker + PT 101
    [InlineData(0x80, 200, RtpPacketKind.Rtcp)]   // SR
    [InlineData(0x81, 201, RtpPacketKind.Rtcp)]   // RR
    [InlineData(0x80, 0x40, RtpPacketKind.Rtcp)]  // PT 64: inside the RTCP-conflict range
    [InlineData(0x40, 0x00, RtpPacketKind.Neither)]
    public void Rfc5761_demultiplexing(byte b0, byte b1, RtpPacketKind kind) =>
        Assert.Equal(kind, RtpDemultiplexer.Classify([b0, b1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0]));
}
