using PcapSipAnalyzer.Analyzer.Sip;
using PcapSipAnalyzer.Protocols.Capture;

namespace PcapSipAnalyzer.Analyzer.Pipeline;

/// <summary>
/// Finds the capture point of each packet: a point per (input point name, interface), so that the files of
/// one ring-buffer set continue the same point and each interface of a router capture is a point of its own.
/// </summary>
internal sealed class CapturePointTable
{
    private readonly Dictionary<(string Name, int Interface), CapturePoint> _byName = new();
    private readonly List<CapturePoint> _points = new();
    private readonly SipEngineOptions _sipOptions;
    private CapturePoint?[] _current = new CapturePoint?[4];
    private string _currentName = "";

    public CapturePointTable(SipEngineOptions sipOptions) => _sipOptions = sipOptions;

    public IReadOnlyList<CapturePoint> Points => _points;

    /// <summary>Starts a new input file: its interfaces are announced by the reader before their packets.</summary>
    public void BeginCapture(string pointName)
    {
        _currentName = pointName;
        Array.Clear(_current);
    }

    public void OnInterface(CaptureInterface captureInterface)
    {
        var key = (_currentName, captureInterface.Id);
        if (!_byName.TryGetValue(key, out var point))
        {
            point = new CapturePoint(_points.Count, _currentName, captureInterface.Id, captureInterface.Name, _sipOptions);
            _byName[key] = point;
            _points.Add(point);
        }
        if (captureInterface.Id >= _current.Length)
            Array.Resize(ref _current, Math.Max(captureInterface.Id + 1, _current.Length * 2));
        _current[captureInterface.Id] = point;
    }

    /// <summary>The point of a packet on <paramref name="interfaceId"/> of the current file (array lookup, no hashing).</summary>
    public CapturePoint For(int interfaceId)
    {
        if ((uint)interfaceId < (uint)_current.Length && _current[interfaceId] is { } point)
            return point;
        // A packet on an interface the file never described (damaged pcapng): give it a point of its own.
        OnInterface(new CaptureInterface { Id = interfaceId, LinkType = 1 });
        return _current[interfaceId]!;
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
