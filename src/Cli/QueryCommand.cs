using System.CommandLine;
using DuckDB.NET.Data;
using PcapSipAnalyzer.Cli.Query;

namespace PcapSipAnalyzer.Cli;

/// <summary>
/// <c>pcapsip query OUT "SQL"</c>: SQL (embedded DuckDB) over a batch's combined Parquet dataset, each table a
/// view with <c>job</c> and <c>point</c>; <c>--question NAME</c> runs one of the README's questions instead.
/// </summary>
internal static class QueryCommand
{
    public static Command Create()
    {
        var output = new Argument<string>("out") { Description = "A batch's output folder (batch --parquet, or merged shards)." };
        var sql = new Argument<string?>("sql") { Description = "The query; tables: " + string.Join(", ", BatchDatabase.Views) + ".", Arity = ArgumentArity.ZeroOrOne };
        var question = new Option<string?>("--question") { Description = "A named question instead of SQL: " + string.Join(", ", Questions.Names) + "." };
        question.AcceptOnlyFromAmong(Questions.Names);
        var csv = new Option<bool>("--csv") { Description = "Every row as CSV on stdout." };
        var json = new Option<bool>("--json") { Description = "Every row as JSON on stdout." };
        var command = new Command("query", "Ask SQL questions across every job of a batch (embedded DuckDB over its Parquet dataset).")
        { output, sql, question, csv, json };
        command.SetAction(parse => Run(parse.GetValue(output)!, parse.GetValue(sql), parse.GetValue(question), parse.GetValue(csv), parse.GetValue(json)));
        return command;
    }

    private static int Run(string output, string? sql, string? question, bool csv, bool json)
    {
        if ((sql is null) == (question is null))
        {
            Console.Error.WriteLine("pcapsip: query takes either SQL or --question NAME (" + string.Join(", ", Questions.Names) + ").");
            return ExitCodes.Usage;
        }
        if (csv && json)
        {
            Console.Error.WriteLine("pcapsip: query takes --csv or --json, not both.");
            return ExitCodes.Usage;
        }
        if (BatchDatabase.DatasetOf(output) is not { } dataset)
        {
            Console.Error.WriteLine($"pcapsip: {output} has no Parquet dataset (OUT/parquet/): run batch with --parquet, or batch --merge OUT after sharded runs.");
            return ExitCodes.NoInput;
        }
        var text = sql ?? Questions.Sql(question!);
        // The writer starts only once DuckDB has parsed, bound and started the query, so an error in the SQL
        // leaves stdout empty.
        using var database = BatchDatabase.Open(dataset);
        using var stdout = Console.OpenStandardOutput();
        IQueryOutput writer = csv ? new CsvQueryOutput(Console.Out) : json ? new JsonQueryOutput(stdout) : new ConsoleTableOutput(Console.Out);
        try
        {
            database.Run(text, writer);
        }
        catch (DuckDBException e)
        {
            Console.Error.WriteLine($"pcapsip: SQL error: {FirstLine(e.Message)}");
            return ExitCodes.Usage;
        }
        return ExitCodes.Ok;
    }

    private static string FirstLine(string message)
    {
        var line = message.AsSpan().Trim();
        int end = line.IndexOfAny('\r', '\n');
        var first = (end < 0 ? line : line[..end]).ToString();
        return first.Length <= 300 ? first : first[..299] + "…";
    }
}
