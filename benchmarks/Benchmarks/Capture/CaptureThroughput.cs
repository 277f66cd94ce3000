using System.Diagnostics;
using PcapSipAnalyzer.Protocols.Capture;
using PcapSipAnalyzer.TestSupport;

namespace PcapSipAnalyzer.Benchmarks.Capture;

/// <summary>
/// Whole-file throughput of the capture reader: reads FILE (pcap or pcapng) from the page cache several times and
/// prints MB/s, packets/s and peak memory, beside a plain block loop over the same records. A FILE that does not
/// exist is first written: a synthetic pcap of GB gigabytes. One that exists is read as it is, never written.
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
        // Only a new file is written: a path given for a capture one has (a flood, a customer's file) must never be
        // replaced by a synthetic one because it is shorter than the size asked for.
        if (!File.Exists(path))
        {
            Console.WriteLine($"writing {path}: {packets:N0} packets of {frameLength} bytes");
            using var file = new BufferedStream(new FileStream(path, FileMode.CreateNew, FileAccess.Write), 1 << 20);
            SyntheticCapture.WritePcap(file, packets, frameLength);
        }

        long length = new FileInfo(path).Length;
        bool pcapng = IsPcapng(path);
        var baseline = new BlockLoopBaseline();
        for (int run = 1; run <= 2; run++)
        {
            var watch = Stopwatch.StartNew();
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 0, FileOptions.SequentialScan);
            long check = baseline.Walk(file, pcapng);
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

    // By the reader's own test of the first four bytes (it refuses a file that is neither format).
    private static bool IsPcapng(string path)
    {
        Span<byte> magic = stackalloc byte[4];
        using var file = File.OpenRead(path);
        int read = file.ReadAtLeast(magic, magic.Length, throwOnEndOfStream: false);
        return CaptureFormatDetector.Detect(magic[..read]) == CaptureFormat.Pcapng;
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
