using System.CommandLine;
using PcapSipAnalyzer.Analyzer.Selection;

namespace PcapSipAnalyzer.Cli;

/// <summary>
/// The options that choose which packets are analysed, in tshark's and tcpdump's terms: -r FILE, --filter BPF,
/// --from/--to, --call-id, --client. Registered together so the analyze command's option list stays readable.
/// </summary>
internal sealed class SelectionOptions
{
    public const string ReadName = "-r";

    private readonly Option<string[]> _read = new(ReadName)
    {
        Description = "A capture file to read, as tshark -r (the same as naming it; repeatable).",
        Arity = ArgumentArity.OneOrMore,
        AllowMultipleArgumentsPerToken = false,
    };
    private readonly Option<string?> _filter = new("--filter")
    {
        Description = "Capture filter in tcpdump (BPF) syntax, e.g. 'host 192.168.1.20 or udp portrange 10000-20000'; compiled by libpcap for each link type and applied to every packet.",
    };
    private readonly Option<string?> _from = new("--from") { Description = "Only packets at or after this time: RFC 3339 with a zone (2026-11-26T07:56:10Z) or seconds from each file's first packet." };
    private readonly Option<string?> _to = new("--to") { Description = "Only packets before this time (same forms as --from)." };
    private readonly Option<string?> _callId = new("--call-id") { Description = "Only this call: its SIP messages and the RTP/RTCP its SDP negotiated." };
    private readonly Option<string?> _client = new("--client") { Description = "Only this client, IP or IP:PORT ([v6]:PORT): packets to or from it and the RTP/RTCP of its calls." };

    public SelectionOptions()
    {
        Validate(_from, "--from", text => TimeBound.TryParse(text, out _),
            "an RFC 3339 time with a zone (e.g. 2026-11-26T07:56:10Z) or seconds from the capture start (e.g. 12.5)");
        Validate(_to, "--to", text => TimeBound.TryParse(text, out _),
            "an RFC 3339 time with a zone (e.g. 2026-11-26T07:56:20Z) or seconds from the capture start (e.g. 30)");
        Validate(_client, "--client", text => ClientAddress.TryParse(text, out _), "IP or IP:PORT (IPv6 as [ADDR]:PORT), e.g. 192.168.1.20:5060");
        Validate(_callId, "--call-id", text => text.Length > 0, "a Call-ID");
        Validate(_filter, "--filter", text => text.Trim().Length > 0, "a capture filter, e.g. 'udp port 5060'");
    }

    public IEnumerable<Option> All => [_read, _filter, _from, _to, _callId, _client];

    /// <summary>The files given with -r, after those named on their own.</summary>
    public string[] Files(ParseResult parse) => parse.GetValue(_read) ?? [];

    public PacketSelection Read(ParseResult parse)
    {
        TimeBound? Bound(Option<string?> option) => parse.GetValue(option) is { } text && TimeBound.TryParse(text, out var b) ? b : null;
        return new PacketSelection
        {
            Filter = parse.GetValue(_filter),
            From = Bound(_from),
            To = Bound(_to),
            CallId = parse.GetValue(_callId),
            Client = parse.GetValue(_client) is { } text && ClientAddress.TryParse(text, out var client) ? client : null,
        };
    }

    private static void Validate(Option<string?> option, string name, Func<string, bool> valid, string form) =>
        option.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<string?>() is string text && !valid(text))
                r.AddError($"{name} takes {form}, not '{text}'");
        });
}
