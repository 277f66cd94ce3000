using System.Diagnostics;
using PcapSipAnalyzer.Analyzer.Pipeline;
using PcapSipAnalyzer.Protocols.Capture;
using PcapSipAnalyzer.Protocols.Frames;

namespace PcapSipAnalyzer.Benchmarks.Pipeline;

/// <summary>
/// Where the time of a whole analysis goes, stage by stage, on one capture warm in the page cache: the reader
/// alone, the reader and the frame decoder, then the whole analysis (dispatcher, engines, path analysis; no
/// report). Each stage runs several times in this process, so start-up and JIT are out of the figures.
/// Timed in CPU time of the process (user + sys), which a machine shared with other jobs inflates much less
/// than wall time. <c>dotnet run -c Release --project benchmarks/Benchmarks -- analysis-throughput FILE [RUNS]</c>
/// </summary>
public static class AnalysisThroughput
{
    public static async Task RunAsync(string[] args)
    {
        if (args.Length < 2)
        {
            Console.Error.WriteLine("usage: analysis-throughput FILE [RUNS]");
            return;
        }
        string path = args[1];
        int runs = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 3;
        long length = new FileInfo(path).Length;
        Console.WriteLine($"{path}: {length / 1e6:N0} MB, {Environment.ProcessorCount} cores, load average {LoadAverage()}");

        for (int run = 1; run <= runs; run++)
        {
            await Measure("reader", length, async () => (await CaptureReader.Open(path).ReadAsync(new TouchSink())).Packets);
            await Measure("reader+decode", length, async () => (await CaptureReader.Open(path).ReadAsync(new DecodeSink())).Packets);
            await Measure("analysis", length, async () =>
            {
                var result = await new Analysis(new AnalysisOptions()).RunAsync([CaptureInput.ForFile(path)]);
                return result.Captures[0].Summary.Packets;
            });
        }
    }

    private static async Task Measure(string stage, long length, Func<Task<long>> body)
    {
        GC.Collect();
        var process = Process.GetCurrentProcess();
        var cpu0 = process.TotalProcessorTime;
        long allocated0 = GC.GetTotalAllocatedBytes(precise: false);
        int gen0 = GC.CollectionCount(0), gen1 = GC.CollectionCount(1), gen2 = GC.CollectionCount(2);
        var watch = Stopwatch.StartNew();
        long packets = await body();
        watch.Stop();
        process.Refresh();
        double cpu = (process.TotalProcessorTime - cpu0).TotalSeconds;
        long allocated = GC.GetTotalAllocatedBytes(precise: false) - allocated0;
        Console.WriteLine($"{stage,-14} cpu {cpu,6:N2} s = {length / 1e6 / cpu,6:N0} MB/s = {cpu * 1e9 / packets,5:N0} ns/packet · " +
            $"wall {watch.Elapsed.TotalSeconds,6:N2} s · {packets:N0} packets · allocated {allocated / (double)packets,6:N1} B/packet · " +
            $"GCs {GC.CollectionCount(0) - gen0}/{GC.CollectionCount(1) - gen1}/{GC.CollectionCount(2) - gen2} · " +
            $"peak working set {process.PeakWorkingSet64 / 1e6:N0} MB · load {LoadAverage()}");
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";

    /// <summary>Reads one byte of every packet, so the reader's work cannot be skipped.</summary>
    private struct TouchSink : IPacketSink
    {
        private long _total;

        public void OnPacket(in CapturedPacket packet) => _total += packet.Data[^1];

        public readonly void OnInterface(CaptureInterface captureInterface)
        {
        }
    }

    /// <summary>The reader and the frame decoder, as the dispatcher starts every packet.</summary>
    private struct DecodeSink : IPacketSink
    {
        private DecodedFrame _frame;
        private long _total;

        public void OnPacket(in CapturedPacket packet)
        {
            FrameDecoder.Decode(packet.LinkType, packet.Data, ref _frame);
            _total += _frame.PayloadLength;
        }

        public readonly void OnInterface(CaptureInterface captureInterface)
        {
        }
    }
}
