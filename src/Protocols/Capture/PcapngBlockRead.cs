namespace PcapSipAnalyzer.Protocols.Capture;

/// <summary>What reading one pcapng block left for the sink.</summary>
internal enum PcapngBlockRead
{
    /// <summary>Nothing (a section header, a damaged or unknown block: counted or warned about already).</summary>
    Other,
    /// <summary>A packet to hand on.</summary>
    Packet,
    /// <summary>An interface description, read with the sink that is told of it.</summary>
    Interface,
    /// <summary>The block's two lengths disagree: the reader looks for the next block.</summary>
    Resynchronising,
}
