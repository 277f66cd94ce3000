using PcapSipAnalyzer.Analyzer.Rtp;

namespace PcapSipAnalyzer.Analyzer.Tests.Rtp;

/// <summary>Feeds a fixture through the RTP engine the way the pipeline will: SDP from SIP, the rest to OnUdp.</summary>
internal static class RtpFixtureRun
{
    public static RtpEngine Analyze(string path, RtpEngineOptions? options = null)
    {
        var engine = new RtpEngine(options);
        foreach (var datagram in FixturePackets.Read(path))
        {
            if (FixtureSdp.TryAnnounce(engine, datagram) || datagram.IsTcp)
                continue;
            engine.OnUdp(datagram.Meta, datagram.Payload);
        }
        return engine;
    }
}
