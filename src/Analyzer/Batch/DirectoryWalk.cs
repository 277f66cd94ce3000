using PcapSipAnalyzer.Analyzer.Pipeline;

namespace PcapSipAnalyzer.Analyzer.Batch;

/// <summary>
/// The files in a folder and (recursively) its subfolders, links followed, but each folder entered once
/// however many links lead to it: a link loop ends instead of being walked 40 levels deep (the kernel's limit),
/// which read one capture 41 times.
/// </summary>
internal static class DirectoryWalk
{
    public static IEnumerable<string> Files(string root, string pattern, bool recursive)
    {
        var entered = new HashSet<FileIdentity>();
        var pending = new Stack<string>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var folder = pending.Pop();
            if (FileIdentity.Of(folder) is { } identity && !entered.Add(identity))
                continue;
            string[] files, folders;
            try
            {
                files = Directory.GetFiles(folder, pattern);
                folders = recursive ? Directory.GetDirectories(folder) : [];
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue; // unreadable or gone: its files are not found, as with a missing path
            }
            foreach (var file in files) yield return file;
            foreach (var sub in folders.OrderDescending(StringComparer.Ordinal)) pending.Push(sub);
        }
    }
}
