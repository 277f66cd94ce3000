using PcapSipAnalyzer.Analyzer.Sip;
using PcapSipAnalyzer.Protocols.Capture;

namespace PcapSipAnalyzer.Analyzer.Pipeline;

/// <summary>
/// Finds the capture point of each packet: a point per (input point name, interface), so that the files of
/// one ring-buffer set continue the same point and each interface of a router capture is a point of its own.
/// </summary>
internal sealed class CapturePointTable
{
    /// <summary>
    /// Points kept apart at most. Each point carries its own SIP, TCP and IP state (tens of KB even when
    /// idle), and a pcapng file can declare an interface in 20 bytes: without a cap, a few MB of interface
    /// blocks would take GBs. Real captures have a handful of interfaces; beyond this many, the packets of
    /// further interfaces share one point per input and the merge is counted.
    /// </summary>
    public const int MaxPoints = 1024;

    private readonly Dictionary<(string Name, int Interface), CapturePoint> _byName = new();
    private readonly List<CapturePoint> _points = new();
    private readonly SipEngineOptions _sipOptions;
    private CapturePoint?[] _current = new CapturePoint?[4];
    private CaptureInterface?[] _interfaces = new CaptureInterface?[4];
    private string _currentName = "";
    private IReadOnlyList<Points.PointSpec> _currentSpecs = [];

    public CapturePointTable(SipEngineOptions sipOptions) => _sipOptions = sipOptions;

    /// <summary>The bounds of each point's TCP reassembly; null for the defaults.</summary>
    public Reassembly.TcpReassemblyLimits? TcpLimits { get; init; }

    /// <summary>What the TCP reassembly of all points may buffer together.</summary>
    public Reassembly.TcpBufferBudget TcpBudget { get; init; } = new();

    /// <summary>What the IP reassembly of all points may hold together.</summary>
    public Reassembly.IpReassemblyBudget IpBudget { get; } = new();

    /// <summary>What the SIP engines of all points may hold together.</summary>
    public SipStateBudget SipBudget { get; } = new();

    /// <summary>Every point's non-SIP datagram addresses, in one bounded table for the analysis.</summary>
    public DatagramHosts DatagramHosts { get; } = new();

    public IReadOnlyList<CapturePoint> Points => _points;

    /// <summary>The analysis reads one input and names none of its interfaces a point of its own.</summary>
    public bool SingleInput { get; init; }

    /// <summary>Interfaces whose packets went to a shared overflow point because <see cref="MaxPoints"/> was reached.</summary>
    public long MergedInterfaces { get; private set; }

    /// <summary>Starts a new input file: its interfaces are announced by the reader before their packets.</summary>
    public void BeginCapture(string pointName, IReadOnlyList<Points.PointSpec>? interfacePoints = null)
    {
        _currentName = pointName;
        _currentSpecs = interfacePoints ?? [];
        Array.Clear(_current);
        Array.Clear(_interfaces);
    }

    /// <summary>
    /// Notes an interface; its point is made when its first packet arrives, so interface blocks without
    /// packets cost no analysis state.
    /// </summary>
    public void OnInterface(CaptureInterface captureInterface)
    {
        int id = captureInterface.Id;
        if (id < 0)
            return;
        Grow(id);
        _interfaces[id] = captureInterface;
        _current[id] = null;
    }

    /// <summary>The point of a packet on <paramref name="interfaceId"/> of the current file (array lookup, no hashing).</summary>
    public CapturePoint For(int interfaceId)
    {
        if ((uint)interfaceId < (uint)_current.Length && _current[interfaceId] is { } point)
            return point;
        // First packet on this interface, or on one the file never described (damaged pcapng).
        int id = Math.Max(interfaceId, 0);
        Grow(id);
        var captureInterface = _interfaces[id] ?? new CaptureInterface { Id = id, LinkType = 1 };
        return _current[id] = Create(captureInterface);
    }

    private CapturePoint Create(CaptureInterface captureInterface)
    {
        // --point NAME=FILE#IFACE gives one interface a name of its own; it keeps the file's clock.
        var spec = _currentSpecs.FirstOrDefault(s => s.Selects(captureInterface.Id, captureInterface.Name));
        var key = (spec?.Name ?? _currentName, captureInterface.Id);
        if (_byName.TryGetValue(key, out var point))
            return point;
        string? interfaceName = captureInterface.Name;
        if (_points.Count >= MaxPoints)
        {
            MergedInterfaces++;
            key = (_currentName, -1);
            if (_byName.TryGetValue(key, out var overflow))
                return overflow;
            interfaceName = "other-interfaces";
            spec = null;
        }
        point = new CapturePoint(_points.Count, key.Item1, key.Item2, interfaceName, _sipOptions, TcpBudget, SipBudget, IpBudget, TcpLimits)
        {
            Clock = _currentName,
            ExplicitName = spec is not null,
            DatagramHosts = DatagramHosts,
            HashesMessages = !(SingleInput && captureInterface.OnlyInterface),
        };
        _byName[key] = point;
        _points.Add(point);
        return point;
    }

    private void Grow(int id)
    {
        if (id < _current.Length)
            return;
        int length = Math.Max(id + 1, _current.Length * 2);
        Array.Resize(ref _current, length);
        Array.Resize(ref _interfaces, length);
    }

    /// <summary>Names points: "router1#lan-a" where one input has several interfaces, else the input's name.</summary>
    public void AssignNames()
    {
        foreach (var group in _points.GroupBy(p => p.Clock))
        {
            bool several = group.Count() > 1;
            foreach (var p in group)
                p.Name = several && !p.ExplicitName ? $"{p.BaseName}#{p.InterfaceName ?? p.InterfaceId.ToString(System.Globalization.CultureInfo.InvariantCulture)}" : p.BaseName;
        }
    }
}
