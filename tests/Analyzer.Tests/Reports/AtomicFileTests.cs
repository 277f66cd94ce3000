using PcapSipAnalyzer.Analyzer.Reports;

namespace PcapSipAnalyzer.Analyzer.Tests.Reports;

/// <summary>
/// Reports go through a temporary file renamed over the target — except devices and descriptors, which must be
/// written in place: renaming over /dev/null made it a regular file holding the report, for every process on
/// the machine. (No test writes to /dev/null itself: a regression would break the machine it runs on.)
/// </summary>
public sealed class AtomicFileTests
{
    [Theory]
    [InlineData("/dev/null", true)]
    [InlineData("/dev/stdout", true)]
    [InlineData("/dev/fd/1", true)]
    [InlineData("/proc/self/fd/1", true)]
    [InlineData("/tmp/report.json", false)]
    [InlineData("/home/user/dev/report.json", false)]
    public void Devices_and_descriptors_are_written_in_place(string path, bool special) =>
        Assert.Equal(special, AtomicFile.IsSpecial(path));

    [Fact]
    public void A_regular_file_is_replaced_whole_and_no_temporary_file_is_left()
    {
        string directory = Directory.CreateTempSubdirectory("pcapsip-atomic-").FullName;
        try
        {
            string path = Path.Combine(directory, "report.json");
            File.WriteAllText(path, "old content that is longer than the new one");
            AtomicFile.Write(path, stream => stream.Write("new"u8));
            Assert.Equal("new", File.ReadAllText(path));
            Assert.Equal([path], Directory.GetFiles(directory));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
