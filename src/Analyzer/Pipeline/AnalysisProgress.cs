namespace PcapSipAnalyzer.Analyzer.Pipeline;

/// <summary>Where a running analysis is, for a progress bar polled from another thread.</summary>
public sealed class AnalysisProgress
{
    private long _bytesDone;

    public string CurrentFile { get; set; } = "";
    public long TotalBytes { get; set; }

    /// <summary>Bytes of all files finished so far plus the current file's position.</summary>
    public long BytesDone => Volatile.Read(ref _bytesDone) + (CurrentReader?.RawBytesRead ?? 0);

    internal Protocols.Capture.CaptureReader? CurrentReader { get; set; }

    internal void FileDone(long bytes)
    {
        Volatile.Write(ref _bytesDone, Volatile.Read(ref _bytesDone) + bytes);
        CurrentReader = null;
    }
}
