namespace PcapSipAnalyzer.Analyzer.Tests.Reassembly;

public class TcpReassemblerTlsFixtureTests
{
    [Fact]
    public void SipOverTlsIsCountedPerConnectionAndNotParsed()
    {
        // Two TLS 1.3 connections: one to 5061, one to 15081 (found by its handshake record).
        var feed = TcpFixtureFeed.Run("public/wireshark-wiki/sip-tls-1.3-and-rtcp/tls-1.3/sip.pcap");
        Assert.Equal(2, feed.Reassembler.Counters.EncryptedSipConnections);
        Assert.Equal(0, feed.MessageCount);
        Assert.Equal(0, feed.Unparsable);
    }
}
