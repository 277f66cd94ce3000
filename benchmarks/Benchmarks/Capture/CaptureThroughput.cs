using System.Diagnostics;
using PcapSipAnalyzer.Protocols.Capture;
using PcapSipAnalyzer.TestSupport;

namespace PcapSipAnalyzer.Benchmarks.Capture;

/// <summary>
/// Whole-file throughput of the capture reader: writes a synthetic pcap of the requested size (once), then
/// reads it from the page cache several times and prints MB/s, packets/s and peak memory.
/// <c>dotnet run -c Release --project benchmarks/Benchmarks -- capture-throughput [FILE] [GB]</c>
/// </summary>
public static class CaptureThroughput
{
    public static async Task RunAsync(string[] args)
    {
        string path = args.Length > 1 ? args[1] : Path.Combine(Path.GetTempPath(), "pcapsip-throughput.pcap");
        double gigabytes = args.Length > 2 ? double.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 1.2;
        const int frameLength = 200;
        long packets = (long)(gigabytes * 1e9 / (16 + frameLength));
        if (!File.Exists(path) || new FileInfo(path).Length < packets * (16 + frameLength))
        {
            Console.WriteLine($"writing {path}: {packets:N0} packets of {frameLength} bytes");
            using var file = new BufferedStream(File.Create(path), 1 << 20);
            SyntheticCapture.WritePcap(file, packets, frameLength);
        }

        long length = new FileInfo(path).Length;
        var baseline = new BlockLoopBaseline();
        for (int run = 1; run <= 2; run++)
        {
            var watch = Stopwatch.StartNew();
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 0, FileOptions.SequentialScan);
            long check = baseline.Walk(file, pcapng: false);
            Console.WriteLine($"block loop {run}: {length / 1e6 / watch.Elapsed.TotalSeconds:N0} MB/s (check {check})");
        }

        for (int run = 1; run <= 4; run++)
        {
            var sink = new Sink();
            var watch = Stopwatch.StartNew();
            var summary = await CaptureReader.Open(path).ReadAsync(sink);
            watch.Stop();
            double seconds = watch.Elapsed.TotalSeconds;
            Console.WriteLine($"run {run}: {summary.Packets:N0} packets, {length / 1e6:N0} MB in {seconds:N2} s = " +
                $"{length / 1e6 / seconds:N0} MB/s, {summary.Packets / seconds / 1e6:N2} M packets/s, " +
                $"peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1e6:N0} MB, GC heap {GC.GetTotalMemory(false) / 1e6:N1} MB (check {sink.Total})");
        }
    }

    private sealed class Sink : IPacketSink
    {
        public long Total;

        public void OnPacket(in CapturedPacket packet) => Total += packet.Data[^1] + packet.OriginalLength;

        public void OnInterface(CaptureInterface captureInterface)
        {
        }
    }
}
