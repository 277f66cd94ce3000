using System.Text.Json;

namespace PcapSipAnalyzer.Analyzer.Reports;

/// <summary>
/// Utf8JsonWriter over a stream keeps everything in its own growing buffer until flushed: a report with
/// 100 000 transactions (or a million interfaces) would sit in memory whole, several times over while the
/// buffer doubles. Long arrays call this per element so the buffer stays around 1 MB.
/// </summary>
internal static class JsonFlush
{
    private const int Threshold = 1 << 20;

    public static void WhenLarge(Utf8JsonWriter json)
    {
        if (json.BytesPending > Threshold)
            json.Flush();
    }
}
