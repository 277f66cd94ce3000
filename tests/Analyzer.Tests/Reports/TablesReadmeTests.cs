using PcapSipAnalyzer.Analyzer.Reports;
using PcapSipAnalyzer.Analyzer.Reports.Tables;
using PcapSipAnalyzer.TestSupport;

namespace PcapSipAnalyzer.Analyzer.Tests.Reports;

/// <summary>
/// The README's list of tables is the tables' definition written out: one line per table naming every column with
/// its type, so the documentation cannot drift from the columns the writers write.
/// </summary>
public class TablesReadmeTests
{
    [Fact]
    public void The_readme_lists_every_table_with_its_columns_and_types()
    {
        var readme = File.ReadAllLines(Path.Combine(Fixtures.RepositoryRoot, "README.md"));
        var expected = ReportTables.Schemas.Select(t => Line(t.Name, t.Columns)).ToList();
        var missing = expected.Where(line => !readme.Contains(line)).ToList();
        Assert.True(missing.Count == 0, "README.md lacks (or has another form of) these lines:\n" + string.Join("\n", missing));
    }

    private static string Line(string table, IReadOnlyList<TableColumn> columns) =>
        $"- `{table}`: " + string.Join(", ", columns.Select(c => $"`{c.Name}` {Type(c.Type)}{(c.Nullable ? "?" : "")}"));

    private static string Type(ColumnType type) => type switch
    {
        ColumnType.Int64 => "int64",
        ColumnType.Double => "double",
        ColumnType.Boolean => "boolean",
        ColumnType.Timestamp => "timestamp",
        _ => "text",
    };
}
