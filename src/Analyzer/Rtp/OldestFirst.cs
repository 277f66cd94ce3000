namespace PcapSipAnalyzer.Analyzer.Rtp;

/// <summary>
/// Puts the <c>count</c> oldest streams of a span first, oldest first, in time linear in the span: an eviction round
/// takes a tenth of the streams, and sorting all of them each round (with the time read through every stream at every
/// comparison) was most of the CPU of a flood of one-packet streams under <c>--rtp-ports</c>.
/// </summary>
internal static class OldestFirst
{
    public static void Select(Span<AgedStream> streams, int count)
    {
        if (count <= 0) return;
        if (count < streams.Length) Partition(streams, count);
        streams[..Math.Min(count, streams.Length)].Sort();
    }

    // Quickselect: afterwards the count smallest are in [0, count), in any order. The pivot is drawn at random, so no
    // order of timestamps a capture can bring makes it quadratic; the keys are distinct, so the set is the same
    // whichever pivots are drawn, and the sort after it makes the result the same for every run.
    private static void Partition(Span<AgedStream> streams, int count)
    {
        int low = 0, high = streams.Length - 1;
        while (low < high)
        {
            int pivotAt = Random.Shared.Next(low, high + 1);
            var pivot = streams[pivotAt];
            (streams[pivotAt], streams[high]) = (streams[high], streams[pivotAt]);
            int store = low;
            for (int i = low; i < high; i++)
            {
                if (streams[i].CompareTo(pivot) < 0)
                {
                    (streams[i], streams[store]) = (streams[store], streams[i]);
                    store++;
                }
            }
            (streams[store], streams[high]) = (streams[high], streams[store]);
            // streams[store] is now the (store + 1)-th smallest.
            if (store == count - 1 || store == count) return;
            if (store < count) low = store + 1;
            else high = store - 1;
        }
    }
}
