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
    private string?[] _names = new string?[4];
    private string _currentName = "";

    public CapturePointTable(SipEngineOptions sipOptions) => _sipOptions = sipOptions;

    public IReadOnlyList<CapturePoint> Points => _points;

    /// <summary>Interfaces whose packets went to a shared overflow point because <see cref="MaxPoints"/> was reached.</summary>
    public long MergedInterfaces { get; private set; }

    /// <summary>Starts a new input file: its interfaces are announced by the reader before their packets.</summary>
    public void BeginCapture(string pointName)
    {
        _currentName = pointName;
        Array.Clear(_current);
        Array.Clear(_names);
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
        _current[id] = _byName.GetValueOrDefault((_currentName, id));
        _names[id] = captureInterface.Name;
    }

    /// <summary>The point of a packet on <paramref name="interfaceId"/> of the current file (array lookup, no hashing).</summary>
    public CapturePoint For(int interfaceId)
    {
        if ((uint)interfaceId < (uint)_current.Length && _current[interfaceId] is { } point)
            return point;
        // First packet on this interface (or one the file never described: a damaged pcapng).
        int id = Math.Max(interfaceId, 0);
        Grow(id);
        return _current[id] = Create(id, _names[id]);
    }

    private CapturePoint Create(int interfaceId, string? interfaceName)
    {
        var key = (_currentName, interfaceId);
        if (_byName.TryGetValue(key, out var point))
            return point;
        if (_points.Count >= MaxPoints)
        {
            MergedInterfaces++;
            key = (_currentName, -1);
            if (_byName.TryGetValue(key, out var overflow))
                return overflow;
            interfaceName = "other-interfaces";
            interfaceId = -1;
        }
        point = new CapturePoint(_points.Count, _currentName, interfaceId, interfaceName, _sipOptions);
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
        Array.Resize(ref _names, length);
    }

    /// <summary>Names points: "router1#lan-a" where one input has several interfaces, else the input's name.</summary>
    public void AssignNames()
    {
        foreach (var group in _points.GroupBy(p => p.BaseName))
        {
            bool several = group.Count() > 1;
            foreach (var p in group)
                p.Name = several ? $"{p.BaseName}#{p.InterfaceName ?? p.InterfaceId.ToString(System.Globalization.CultureInfo.InvariantCulture)}" : p.BaseName;
        }
    }
}
