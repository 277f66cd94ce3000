namespace PcapSipAnalyzer.Analyzer.Rtp;

/// <summary>
/// The ITU-T G.107 E-model, simplified as call-quality monitors use it: every factor at its default value except
/// the codec's equipment impairment (Ie, with its packet-loss robustness Bpl from G.113 Appendix I), random packet
/// loss and the one-way delay. R = 93.2 − Id − Ie,eff, where 93.2 is Ro − Is − A at G.107's defaults,
/// Ie,eff = Ie + (95 − Ie)·Ppl/(Ppl + Bpl) (random loss, BurstR = 1), and Id = 0.024·d + 0.11·(d − 177.3)·H(d − 177.3)
/// for a one-way delay d in ms (the usual fit of G.107's Idd and Idte at default echo loss). MOS-CQ from R by
/// G.107 Annex B.
/// </summary>
public static class EModel
{
    /// <summary>R at G.107's default parameters, with no delay, no loss and an unimpaired codec.</summary>
    public const double DefaultR = 93.2;

    /// <summary>The transmission rating R (0–100) for a codec, an effective packet loss (percent) and a one-way delay (ms).</summary>
    public static double R(CodecImpairment codec, double lossPercent, double oneWayDelayMs)
    {
        double ppl = Math.Clamp(lossPercent, 0, 100);
        double ieEff = codec.Ie + (95 - codec.Ie) * ppl / (ppl + codec.Bpl);
        double r = DefaultR - DelayImpairment(oneWayDelayMs) - ieEff;
        return Math.Clamp(r, 0, 100);
    }

    /// <summary>Id: delay impairment for a one-way (mouth-to-ear) delay in ms.</summary>
    public static double DelayImpairment(double oneWayDelayMs)
    {
        double d = Math.Max(0, oneWayDelayMs);
        return 0.024 * d + (d > 177.3 ? 0.11 * (d - 177.3) : 0);
    }

    /// <summary>MOS-CQ (1–4.5) from R, G.107 Annex B: 1 + 0.035R + R(R − 60)(100 − R)·7·10⁻⁶.</summary>
    public static double Mos(double r)
    {
        if (r <= 0)
            return 1;
        if (r >= 100)
            return 4.5;
        return 1 + 0.035 * r + r * (r - 60) * (100 - r) * 7e-6;
    }
}
