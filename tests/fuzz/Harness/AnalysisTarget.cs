using System.Text.Json;
using PcapSipAnalyzer.Analyzer.Pipeline;
using PcapSipAnalyzer.Analyzer.Reassembly;
using PcapSipAnalyzer.Analyzer.Reports;
using PcapSipAnalyzer.Analyzer.Reports.Tables;
using PcapSipAnalyzer.Analyzer.Rtp;
using PcapSipAnalyzer.Analyzer.Sip;

namespace PcapSipAnalyzer.Fuzz;

/// <summary>
/// The whole-pipeline target: one capture file held in memory goes through <see cref="Analysis.RunAsync"/>, the
/// entry the CLI uses, on one thread — flow table, RTP fast path, cached link facts, TCP and IP reassembly, the
/// SIP engine, paths, findings, causes — and then through the report writers (JSON, JSON Lines, console, and
/// every table in CSV and JSON Lines) into memory. Every cap is cut to a few entries so that the eviction and
/// turnover paths are reached by inputs of a few kilobytes. A broken capture is not an exception here: the
/// analysis records it in the capture's error and goes on; so any exception is a bug.
/// </summary>
public static class AnalysisTarget
{
    // Caps of one or two: the seeds hold a handful of transactions and streams each, and with caps of four to eight
    // only one corpus input in twenty reached an eviction (one in four with these).
    internal static readonly AnalysisLimits SmallLimits = new()
    {
        Sip = new SipEngineOptions
        {
            MaxLiveTransactions = 2, MaxLiveScanLikeTransactions = 1, MaxLiveDialogs = 1, MaxRegistrationBindings = 1, MaxRetainedTransactions = 2,
            MaxRetainedDialogs = 1, MaxRetainedRegistrations = 1, MaxMessagesPerTransaction = 2, HistoryKeptAtEachEnd = 1,
            MaxStepsPerRegistration = 2, MaxFramesPerAnomaly = 2, MaxResendEntries = 2,
        },
        Rtp = new RtpEngineOptions
        {
            MaxStreams = 1, MaxRetiredStreams = 1, MaxTimeSeries = 1, MaxCandidates = 2, MaxExpectations = 2, MaxRtcpReports = 1,
        },
        Tcp = new TcpReassemblyLimits
        {
            MaxConnections = 2, IdleTimeoutNs = 5_000_000_000, MaxOutOfOrderBytes = 512, MaxOutOfOrderSegments = 4,
            MaxMessageBytes = 2048, MaxHuntBytes = 1024,
        },
        TcpBufferBytes = 4096,
        FlowSlots = 4,
    };

    public static void Analysis(byte[] input)
    {
        var options = new AnalysisOptions
        {
            Pipelined = false,
            Limits = SmallLimits,
            OpenInput = _ => new MemoryStream(input, writable: false),
        };
        var result = new Analysis(options).RunAsync([new CaptureInput("fuzz.pcap", "fuzz")]).GetAwaiter().GetResult();
        if (result.Captures.Count != 1 || result.Captures[0].NotFound)
            throw new InvalidOperationException("the one in-memory capture was not read");
        if (result.StateEvictions.Values.Any(count => count < 0))
            throw new InvalidOperationException("a negative eviction count");
        WriteReports(result);
    }

    private static void WriteReports(AnalysisResult result)
    {
        using (var json = new MemoryStream())
        {
            JsonReportWriter.Write(json, result, "fuzz");
            // The report must stay valid JSON whatever the capture held (no NaN, no unescaped bytes).
            using var document = JsonDocument.Parse(json.ToArray());
        }
        using (var findings = new MemoryStream())
            JsonLinesWriter.Write(findings, result, "fuzz");
        new ConsoleReportWriter(new StringWriter()).Write(result);
        // The HTML page: its ladders lay out whatever hosts, legs, lanes and routers the capture made up.
        using (var html = new MemoryStream())
            PcapSipAnalyzer.Analyzer.Reports.Html.HtmlReportWriter.Write(html, result, "fuzz");

        var tables = ReportTables.Build(result, "fuzz");
        Table(tables.Captures);
        Table(tables.Causes);
        Table(tables.Findings);
        Table(tables.FindingFrames);
        Table(tables.Transactions);
        Table(tables.Registrations);
        Table(tables.Dialogs);
        Table(tables.RtpStreams);
        Table(tables.SipPoints);
    }

    // The table model as the CSV and JSON Lines writers use it (CsvTables and JsonLinesTables stage files; these
    // are the same cells into memory): every column's value, its text, and the row as JSON.
    private static void Table<TRow>(List<TRow> rows)
    {
        var columns = TableSchema<TRow>.Columns;
        using var text = new StringWriter();
        using var csv = new SafeCsvWriter(text);
        using var memory = new MemoryStream();
        using var json = new Utf8JsonWriter(memory);
        foreach (var row in rows)
        {
            foreach (var column in columns)
            {
                object? value = column.Get(row!);
                if (value is null && !column.Nullable)
                    throw new InvalidOperationException($"{typeof(TRow).Name}.{column.Name} is null in a column that is not nullable");
                csv.WriteCell(CsvTables.Cell(value), column.Type is ColumnType.Int64 or ColumnType.Double);
            }
            csv.NextRecord();
            json.WriteStartObject();
            JsonLinesTables.WriteColumns(json, row);
            json.WriteEndObject();
            json.Flush();
            json.Reset(); // one object per line, as the JSON Lines writer starts a writer per row
        }
    }
}
