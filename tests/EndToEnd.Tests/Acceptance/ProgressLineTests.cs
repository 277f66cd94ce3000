using System.Diagnostics;
using PcapSipAnalyzer.TestSupport;

namespace PcapSipAnalyzer.EndToEnd.Tests.Acceptance;

/// <summary>
/// The progress bar of a large input is drawn on stderr when that is a terminal and is erased when the run ends,
/// also when stdout is redirected to a file: the terminal is left with no frozen "big.pcap: 46%" line, and the
/// redirected report holds no control characters. <c>script</c> gives the run a terminal, as a person's shell does.
/// </summary>
public class ProgressLineTests
{
    [Fact]
    public void The_progress_line_is_erased_when_stdout_is_redirected()
    {
        using var folder = new TempFolder();
        // 140 copies of a 0.5 MB call capture: past the 64 MB from which a bar is shown.
        string big = folder.File("big.pcap"), report = folder.File("report.txt"), log = folder.File("tty.log");
        var source = Fixtures.PublicFile("wireshark-wiki/sip-rtp-g726.pcap");
        PcapsipCli.Run("mergecap", ["-a", "-w", big, .. Enumerable.Repeat(source, 140)], PcapsipCli.DefaultTimeout).Succeeded();
        Assert.True(new FileInfo(big).Length > 64L << 20);

        var start = new ProcessStartInfo("script", ["-qec", $"dotnet '{PcapsipCli.Dll}' analyze '{big}' > '{report}'", log])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.Environment.Remove("NO_COLOR");
        start.Environment["TERM"] = "xterm-256color";
        using (var process = Process.Start(start)!)
        {
            process.StandardInput.Close();
            _ = process.StandardOutput.ReadToEndAsync();
            _ = process.StandardError.ReadToEndAsync();
            Assert.True(process.WaitForExit(TimeSpan.FromSeconds(120)), "the run did not finish");
            Assert.Equal(0, process.ExitCode);
        }

        string terminal = File.ReadAllText(log);
        Assert.True(terminal.Contains('%'), $"no progress was drawn: {terminal}");
        var screen = Screen(terminal);
        Assert.DoesNotContain(screen, line => line.Contains('%'));
        string text = File.ReadAllText(report);
        Assert.StartsWith("Diagnosis:", text);
        Assert.DoesNotContain('\u001b', text);
    }

    // The lines a terminal shows after this output: carriage return, line feed, cursor up (CSI n A) and erase line
    // (CSI 2K / CSI K) are followed; other escape sequences (colours, cursor visibility) change no text.
    private static List<string> Screen(string output)
    {
        var lines = new List<System.Text.StringBuilder> { new() };
        int row = 0, column = 0;
        for (int i = 0; i < output.Length; i++)
        {
            char c = output[i];
            if (c == '\u001b' && i + 1 < output.Length && output[i + 1] == '[')
            {
                int end = i + 2;
                while (end < output.Length && !char.IsAsciiLetter(output[end])) end++;
                if (end >= output.Length) break;
                string argument = output[(i + 2)..end];
                if (output[end] == 'A') row = Math.Max(0, row - (int.TryParse(argument, out int n) ? n : 1));
                else if (output[end] == 'K') lines[row].Length = argument == "2" ? 0 : Math.Min(column, lines[row].Length);
                i = end;
                continue;
            }
            if (c == '\u001b') { i++; continue; } // ESC = and the like: two characters, no text
            if (c == '\r') { column = 0; continue; }
            if (c == '\n')
            {
                row++;
                column = 0;
                while (lines.Count <= row) lines.Add(new());
                continue;
            }
            var line = lines[row];
            if (column < line.Length) line[column] = c; else line.Append(c);
            column++;
        }
        return lines.Select(l => l.ToString()).ToList();
    }
}
