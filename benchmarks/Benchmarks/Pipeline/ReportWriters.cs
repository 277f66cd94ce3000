using System.Diagnostics;
using PcapSipAnalyzer.Analyzer.Pipeline;
using PcapSipAnalyzer.Analyzer.Reports;

namespace PcapSipAnalyzer.Benchmarks.Pipeline;

/// <summary>
/// What the reports cost once the capture is read: one analysis, then the JSON report and the console report
/// written again and again into a stream that only counts bytes. The first round carries the writers' one-time
/// costs (JIT, the serializer's metadata); the later ones are what each MB of report costs.
/// <c>dotnet run -c Release --project benchmarks/Benchmarks -- report-writers FILE [ROUNDS]</c>
/// </summary>
public static class ReportWriters
{
    public static async Task RunAsync(string[] args)
    {
        if (args.Length < 2)
        {
            Console.Error.WriteLine("usage: report-writers FILE [ROUNDS]");
            return;
        }
        int rounds = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 5;
        var result = await new Analysis(new AnalysisOptions()).RunAsync([CaptureInput.ForFile(args[1])]);
        Console.WriteLine($"{args[1]}: {result.Captures[0].Summary.Packets:N0} packets analysed");
        for (int round = 1; round <= rounds; round++)
        {
            Measure(round, "json", stream => JsonReportWriter.Write(stream, result, "bench"));
            Measure(round, "console", stream =>
            {
                using var text = new StreamWriter(stream, leaveOpen: true);
                new ConsoleReportWriter(text).Write(result);
            });
        }
    }

    private static void Measure(int round, string writer, Action<Stream> write)
    {
        GC.Collect();
        var process = Process.GetCurrentProcess();
        var cpu0 = process.TotalProcessorTime;
        long allocated0 = GC.GetTotalAllocatedBytes(precise: true);
        var counter = new CountingStream();
        var watch = Stopwatch.StartNew();
        write(counter);
        watch.Stop();
        process.Refresh();
        double cpu = (process.TotalProcessorTime - cpu0).TotalSeconds;
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated0;
        Console.WriteLine($"round {round} {writer,-8} {counter.Length / 1e6,7:N1} MB · wall {watch.Elapsed.TotalSeconds,6:N3} s " +
            $"= {counter.Length / 1e6 / watch.Elapsed.TotalSeconds,5:N0} MB/s · cpu {cpu,6:N3} s · allocated {allocated / 1e6,6:N1} MB");
    }

    /// <summary>Counts what is written and keeps none of it.</summary>
    private sealed class CountingStream : Stream
    {
        private long _length;

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => _length;
        public override long Position { get => _length; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => _length += count;
        public override void Write(ReadOnlySpan<byte> buffer) => _length += buffer.Length;
    }
}
