using PcapSipAnalyzer.Analyzer.Pipeline;
using PcapSipAnalyzer.Analyzer.Selection;

namespace PcapSipAnalyzer.Cli;

/// <summary>
/// The warnings of a run on stderr too, where a script or a person who redirected the report still sees them: a
/// truncated or damaged capture, state dropped to keep memory bounded, and how many packets a selection kept.
/// </summary>
internal static class StderrNotes
{
    public static void Write(AnalysisResult result, PacketSelection selection)
    {
        var error = Console.Error;
        foreach (var capture in result.Captures)
        {
            foreach (var warning in capture.Summary.Warnings)
                error.WriteLine($"pcapsip: warning: {capture.Input.Path}: {warning}");
            if (!selection.IsEmpty && capture.Kept is { } kept)
                error.WriteLine($"pcapsip: {capture.Input.Path}: the selection kept {kept.Count:N0} of {capture.Summary.Packets:N0} packets");
        }
        long evicted = result.StateEvictions.Values.Sum();
        if (evicted > 0)
            error.WriteLine($"pcapsip: warning: {evicted:N0} entries evicted to keep memory bounded; the report's WARNING lines say from which tables");
        if (result.UndecodedLinkTypes.Entries.Count > 0 || result.UndecodedLinkTypes.UnlistedPackets > 0)
            error.WriteLine("pcapsip: warning: some link types are not decoded; the report's WARNING lines name them");
    }
}
