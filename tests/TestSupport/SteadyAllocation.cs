namespace PcapSipAnalyzer.TestSupport;

/// <summary>
/// Bytes a piece of code allocates on the calling thread once warm. The runtime itself allocates now and then on
/// the thread that runs the code — a method reaching its call count starts the tier-up worker, a loop moves to its
/// optimised version — once or twice, never per pass; an allocation of the code's own shows in every pass. So the
/// pass is measured a few times and the fewest bytes count.
/// </summary>
public static class SteadyAllocation
{
    public static long Of(Action pass, int attempts = 3)
    {
        long fewest = long.MaxValue;
        for (int i = 0; i < attempts && fewest != 0; i++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            pass();
            fewest = Math.Min(fewest, GC.GetAllocatedBytesForCurrentThread() - before);
        }
        return fewest;
    }
}
