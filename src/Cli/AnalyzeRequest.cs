namespace PcapSipAnalyzer.Cli;

/// <summary>The analyze command's options, as parsed.</summary>
internal sealed class AnalyzeRequest
{
    public required string[] Files { get; init; }
    public string? JsonPath { get; init; }
    public bool NoProgress { get; init; }

    /// <summary>Every file path the command will write (stdout excluded), to check against the inputs.</summary>
    public IEnumerable<string> OutputPaths()
    {
        if (JsonPath is not null && JsonPath != "-") yield return JsonPath;
    }
}
