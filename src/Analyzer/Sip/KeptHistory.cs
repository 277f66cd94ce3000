namespace PcapSipAnalyzer.Analyzer.Sip;

/// <summary>
/// Keeps the two ends of a history that would otherwise grow with the capture — the transactions and SDP
/// bodies of a dialog that lasts all day, the REGISTERs of an attempt that never closes: the first items show
/// how it began, the latest how it stands; the ones between give way as new ones come. Nothing a finding needs
/// is lost with them: every transaction still goes to the engine's retained list, which keeps noteworthy ones
/// first (<see cref="RetainedList{T}"/>).
/// </summary>
internal static class KeptHistory
{
    /// <summary>
    /// Appends <paramref name="item"/>, keeping at most <paramref name="atEachEnd"/> items at each end; false
    /// when an item from the middle was dropped for it.
    /// </summary>
    public static bool Add<T>(List<T> list, T item, int atEachEnd)
    {
        if (list.Count < 2 * atEachEnd)
        {
            list.Add(item);
            return true;
        }
        list.RemoveAt(atEachEnd);
        list.Add(item);
        return false;
    }
}
