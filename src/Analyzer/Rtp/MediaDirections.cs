namespace PcapSipAnalyzer.Analyzer.Rtp;

/// <summary>Which directions of a call carried media somewhere: toward the offerer and toward the answerer.</summary>
public readonly record struct MediaDirections(bool ToOffer, bool ToAnswer)
{
    public bool Any => ToOffer || ToAnswer;

    public MediaDirections With(CallMedia call) => new(ToOffer || call.ToOffer.Count > 0, ToAnswer || call.ToAnswer.Count > 0);
}
