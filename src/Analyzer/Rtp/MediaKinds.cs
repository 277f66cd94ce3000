namespace PcapSipAnalyzer.Analyzer.Rtp;

/// <summary>The one table of SDP media-type words, used to read m= lines and to name a medium in a finding.</summary>
public static class MediaKinds
{
    public static string WireName(MediaKind kind) => kind switch
    {
        MediaKind.Audio => "audio",
        MediaKind.Video => "video",
        MediaKind.Text => "text",
        MediaKind.Application => "application",
        _ => "media",
    };

    /// <summary>The kind of an m= line's media type (matched without case, as RFC 8866 tokens are).</summary>
    public static MediaKind Parse(string mediaType)
    {
        foreach (var kind in Enum.GetValues<MediaKind>())
            if (kind != MediaKind.Other && string.Equals(WireName(kind), mediaType, StringComparison.OrdinalIgnoreCase))
                return kind;
        return MediaKind.Other;
    }
}
