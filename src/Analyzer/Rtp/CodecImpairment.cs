namespace PcapSipAnalyzer.Analyzer.Rtp;

/// <summary>
/// A codec's equipment impairment factor Ie and packet-loss robustness factor Bpl (ITU-T G.113 Appendix I), by the
/// payload name Wireshark shows (static types) or the rtpmap encoding (dynamic ones). Scores are on G.107's
/// narrowband scale: wideband codecs (G.722, Opus, AMR-WB) are taken as unimpaired narrowband, not rewarded.
/// </summary>
public readonly record struct CodecImpairment(string Codec, double Ie, double Bpl)
{
    // G.113 Appendix I (Tables I.1 and I.3): G.711 with packet-loss concealment (what phones do; without it Bpl would
    // be 4.3), G.729A with VAD, G.723.1 at 6.3 kbit/s, GSM-EFR (AMR-NB at its 12.2 kbit/s mode is the same codec).
    // Wideband codecs have no narrowband Ie: they are taken as G.711 with concealment, an assumption.
    private static readonly CodecImpairment[] Table =
    [
        new("g711U", 0, 25.1), new("PCMU", 0, 25.1), new("g711A", 0, 25.1), new("PCMA", 0, 25.1),
        new("g729", 11, 19.0), new("g723", 15, 16.1),
        new("GSM-EFR", 5, 10.0), new("AMR-WB", 0, 25.1), new("AMR", 5, 10.0),
        new("g722", 0, 25.1), new("opus", 0, 25.1),
    ];

    /// <summary>The impairment of a codec by name (case-insensitive; a longer name is tried before its prefix), or null when the table does not know it (video, events, comfort noise).</summary>
    public static CodecImpairment? Of(string name)
    {
        foreach (var entry in Table)
        {
            if (name.StartsWith(entry.Codec, StringComparison.OrdinalIgnoreCase))
                return entry;
        }
        return null;
    }
}
