namespace PcapSipAnalyzer.Cli.Query;

/// <summary>Where the rows of a query go (console table, CSV, JSON), one row at a time.</summary>
internal interface IQueryOutput
{
    void Begin(IReadOnlyList<string> columns);
    /// <summary>One row; the array is reused for the next row.</summary>
    void Row(object?[] values);
    void End();
}
