namespace PcapSipAnalyzer.Analyzer.Pipeline;

/// <summary>Which thread of a pipelined analysis parses SIP over UDP (see PacketDispatcher.CheckSip).</summary>
internal enum SipParsing
{
    /// <summary>Whichever has time: the reader's while full batches wait for the engines, else the engines'.</summary>
    Balanced,
    /// <summary>Always the reader's (for the tests that hold both ways to the same report).</summary>
    ReaderThread,
    /// <summary>Always the engines'.</summary>
    EnginesThread,
}
