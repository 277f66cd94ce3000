using PcapSipAnalyzer.TestSupport;

namespace PcapSipAnalyzer.Protocols.Tests.Frames;

/// <summary>The public captures libpcap can read, one theory case each.</summary>
public static class DecodeCorpus
{
    private static readonly Lazy<string[]> Readable = new(() =>
        Fixtures.PublicCaptures().Select(f => f["public/".Length..])
            .Where(f => LibpcapCapture.CanRead(Fixtures.PublicFile(f))).ToArray());

    public static TheoryData<string> LibpcapReadable()
    {
        var data = new TheoryData<string>();
        foreach (var file in Readable.Value)
            data.Add(file);
        return data;
    }
}
