using System.Runtime.InteropServices;
using PcapSipAnalyzer.Protocols.Capture;
using PcapSipAnalyzer.Protocols.Frames;
using SharpPcap;
using SharpPcap.LibPcap;

namespace PcapSipAnalyzer.Analyzer.Selection;

/// <summary>
/// --filter: a tcpdump capture filter, compiled once per link type by libpcap (pcap_compile on a dead handle) and
/// run on each packet's bytes as captured (pcap_offline_filter), as tcpdump -r would. Per packet nothing is
/// allocated: the pcap_pkthdr libpcap reads is one native buffer, rewritten for each packet.
/// </summary>
public sealed unsafe class BpfFilter : IDisposable
{
    // struct pcap_pkthdr { struct timeval ts; bpf_u_int32 caplen, len; }: timeval is two longs, 32-bit on Windows.
    private static readonly int LengthsOffset = OperatingSystem.IsWindows() || IntPtr.Size == 4 ? 8 : 16;

    private readonly string _expression;
    private readonly Dictionary<int, BpfProgram> _programs = new();
    private readonly IntPtr _header;
    private int _linkType = -1;
    private BpfProgram? _program;

    public BpfFilter(string expression)
    {
        _expression = expression;
        _header = Marshal.AllocHGlobal(LengthsOffset + 8);
        new Span<byte>((void*)_header, LengthsOffset + 8).Clear();
    }

    /// <summary>Null when <paramref name="expression"/> compiles (for Ethernet), else why not, in one line.</summary>
    public static string? Check(string expression)
    {
        try
        {
            using var filter = new BpfFilter(expression);
            filter.Prepare(1);
            return null;
        }
        catch (PacketFilterException e)
        {
            return e.Message;
        }
    }

    /// <summary>Compiles the program for <paramref name="linkType"/> unless it already is (a capture's interface, before its packets).</summary>
    public void Prepare(int linkType)
    {
        if (_programs.ContainsKey(linkType)) return;
        try
        {
            _programs[linkType] = BpfProgram.Create((PacketDotNet.LinkLayers)linkType, _expression);
        }
        catch (PcapException e)
        {
            throw new PacketFilterException($"--filter '{_expression}' does not compile for link type {linkType} ({LinkTypes.Name(linkType)}): {e.Message}");
        }
        catch (Exception e) when (e is DllNotFoundException or TypeInitializationException or EntryPointNotFoundException)
        {
            throw new PacketFilterException("--filter needs libpcap, which is not installed (Debian/Ubuntu: apt-get install libpcap0.8; Fedora: dnf install libpcap)");
        }
    }

    public bool Matches(in CapturedPacket packet)
    {
        if (packet.LinkType != _linkType)
        {
            Prepare(packet.LinkType);
            _program = _programs[packet.LinkType];
            _linkType = packet.LinkType;
        }
        var lengths = (uint*)((byte*)_header + LengthsOffset);
        lengths[0] = (uint)packet.Data.Length;
        lengths[1] = (uint)Math.Max(packet.OriginalLength, packet.Data.Length);
        fixed (byte* data = packet.Data)
            return _program!.Matches(_header, (IntPtr)data);
    }

    public void Dispose()
    {
        foreach (var program in _programs.Values) program.Dispose();
        _programs.Clear();
        Marshal.FreeHGlobal(_header);
    }
}
