using System.Runtime.CompilerServices;

namespace PcapSipAnalyzer.Analyzer.Reassembly;

/// <summary>
/// Room inside a stream's slot for a short unfinished tail (part of a start line, a keep-alive waiting for its
/// next bytes): most tails are a few bytes, and a flood of connections that each send one would otherwise make a
/// pooled array apiece, each an object the collector copies while the connection lives.
/// </summary>
[InlineArray(Length)]
internal struct SipStreamTailBytes
{
    public const int Length = 32;

    private byte _first;
}
