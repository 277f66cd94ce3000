namespace PcapSipAnalyzer.Analyzer.Reports.Html;

/// <summary>A ladder diagram of one registration, call or transaction: columns left (client) to right (server), a proxy's other legs' hosts beyond them, and arrows in time order.</summary>
internal sealed class Ladder
{
    /// <summary>Arrows drawn per ladder; the rest are counted under it.</summary>
    public const int MaxArrows = 60;
    public const int MaxFramesPerArrow = 200;

    public required string Title { get; init; }
    public required IReadOnlyList<LadderStop> Stops { get; init; }
    public required IReadOnlyList<LadderArrow> Arrows { get; init; }
    /// <summary>Messages not drawn because of <see cref="MaxArrows"/>.</summary>
    public int ArrowsNotDrawn { get; init; }
}
