using PcapSipAnalyzer.Analyzer.Packets;
using PcapSipAnalyzer.Analyzer.Paths;
using static PcapSipAnalyzer.Analyzer.Tests.Paths.TestFrames;

namespace PcapSipAnalyzer.Analyzer.Tests.Paths;

public class IcmpEvidenceTests
{
    private static PacketMeta Response(ushort ipId) => new()
    {
        Capture = 0, Frame = 7, SourceIp = Ip("192.168.0.10"), SourcePort = 5060,
        DestinationIp = Ip("192.168.1.20"), DestinationPort = 5060, IpId = ipId, Transport = Transport.Udp,
    };

    [Fact]
    public void A_redirect_quoting_the_response_is_found_by_the_responses_packet()
    {
        var evidence = new IcmpEvidence();
        var redirect = IcmpError("02:a0:00:00:00:fe", "02:00:00:00:00:10", "192.168.0.254", "192.168.0.10", 5, 1,
                                 "192.168.0.10", 5060, "192.168.1.20", 5060, quotedIpId: 0x1234, gateway: "192.168.0.1");
        Assert.True(evidence.Observe(0, 0, 8, 0, in redirect));

        var found = Assert.Single(evidence.Quoting(Response(0x1234)));
        Assert.Equal(IcmpErrorKind.Redirect, found.Kind);
        Assert.Equal(Ip("192.168.0.254"), found.ReporterIp);
        Assert.Equal(Mac("02:a0:00:00:00:fe"), found.ReporterMac);
        Assert.Equal("redirect: use gateway 192.168.0.1 for this host", found.Reason);
        Assert.Equal(new FrameRef(0, 8), found.Frame);
        Assert.Empty(evidence.Quoting(Response(0x1235)));          // another packet of the flow
        Assert.Single(evidence.QuotingFlow(Response(0x1235)));
    }

    [Theory]
    [InlineData(3, 1, IcmpErrorKind.Unreachable, "host unreachable")]
    [InlineData(3, 13, IcmpErrorKind.AdministrativelyProhibited, "communication administratively prohibited")]
    [InlineData(3, 4, IcmpErrorKind.PacketTooBig, "fragmentation needed (packet too big)")]
    [InlineData(11, 0, IcmpErrorKind.TimeExceeded, "TTL exceeded in transit")]
    public void Icmpv4_errors_are_classified(byte type, byte code, IcmpErrorKind kind, string reason)
    {
        var evidence = new IcmpEvidence();
        var error = IcmpError("02:00:00:00:00:01", "02:00:00:00:00:10", "192.168.0.1", "192.168.0.10", type, code,
                              "192.168.0.10", 5060, "192.168.1.20", 5060, 1);
        evidence.Observe(0, 0, 1, 0, in error);
        Assert.Equal(kind, evidence.Errors[0].Kind);
        Assert.Equal(reason, evidence.Errors[0].Reason);
    }

    [Theory]
    [InlineData(1, 1, IcmpErrorKind.AdministrativelyProhibited)]
    [InlineData(1, 3, IcmpErrorKind.Unreachable)]
    [InlineData(2, 0, IcmpErrorKind.PacketTooBig)]
    [InlineData(3, 0, IcmpErrorKind.TimeExceeded)]
    [InlineData(137, 0, IcmpErrorKind.Redirect)]
    public void Icmpv6_errors_are_classified_and_matched_without_an_ip_id(byte type, byte code, IcmpErrorKind kind)
    {
        var evidence = new IcmpEvidence();
        var error = IcmpError("02:00:00:00:00:01", "02:00:00:00:00:10", "2001:db8::1", "2001:db8::10", type, code,
                              "2001:db8::10", 5060, "2001:db8:1::20", 5060, 0);
        evidence.Observe(0, 0, 1, 0, in error);
        var packet = new PacketMeta { SourceIp = Ip("2001:db8::10"), SourcePort = 5060, DestinationIp = Ip("2001:db8:1::20"),
                                      DestinationPort = 5060, Transport = Transport.Udp };
        Assert.Equal(kind, Assert.Single(evidence.Quoting(packet)).Kind);
    }

    [Fact]
    public void Echo_replies_and_frames_without_a_quote_are_not_errors()
    {
        var evidence = new IcmpEvidence();
        var echo = IcmpError("02:00:00:00:00:01", "02:00:00:00:00:10", "192.168.0.1", "192.168.0.10", 0, 0,
                             "192.168.0.10", 0, "192.168.0.1", 0, 0);
        Assert.False(evidence.Observe(0, 0, 1, 0, in echo));
        Assert.Empty(evidence.Errors);
    }
}
