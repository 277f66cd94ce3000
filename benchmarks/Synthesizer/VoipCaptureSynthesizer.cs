using PcapSipAnalyzer.Synthesizer.Background;
using PcapSipAnalyzer.Synthesizer.Output;
using PcapSipAnalyzer.Synthesizer.Simulation;
using PcapSipAnalyzer.Synthesizer.Truth;
using PcapSipAnalyzer.Synthesizer.Voip;

namespace PcapSipAnalyzer.Synthesizer;

/// <summary>
/// Runs the realistic office mix until the size, packet or time target is reached, then winds down: nothing new
/// starts, calls hang up, registrations finish (up to timer F), so every exchange in the file has an outcome.
/// </summary>
public sealed class VoipCaptureSynthesizer
{
    /// <summary>Where the capture winds down when no target is given.</summary>
    public const long DefaultTargetBytes = 100_000_000;

    private readonly SynthesisOptions _options;

    public VoipCaptureSynthesizer(SynthesisOptions options) => _options = options;

    public GroundTruth Write(CaptureFileWriter writer)
    {
        var random = new SeededRandom(_options.Seed);
        var truth = new GroundTruth { Seed = _options.Seed, Phones = _options.Phones };
        var sim = new TrafficSimulation(random, writer, truth);
        var network = new OfficeNetwork(_options.Phones, random);
        var registrations = new RegistrationFlow(sim, network);
        var media = new MediaFlow(sim);
        var calls = new CallFlow(sim, network, media);
        var unrelated = new UnrelatedTraffic(sim, network);

        unrelated.Start();
        registrations.ScheduleFirstRegistrations();

        long targetBytes = _options.TargetBytes ?? (_options.TargetPackets is null && _options.DurationSeconds is null ? DefaultTargetBytes : long.MaxValue);
        long targetPackets = _options.TargetPackets ?? long.MaxValue;
        long endTime = _options.DurationSeconds is double d ? TrafficProfile.CaptureStart + (long)(d * TrafficProfile.Second) : long.MaxValue;

        while (sim.TryNext(out var e))
        {
            if (!sim.Draining && (writer.FileBytes >= targetBytes || writer.PacketCount >= targetPackets || sim.Now >= endTime))
            {
                sim.Draining = true;
                calls.WindDown();
            }
            switch (e.Kind)
            {
                case EventKind.RtpPacket: media.Handle(e); break;
                case EventKind.RegisterStart or EventKind.RegisterRetransmit or EventKind.RegisterReply or EventKind.RegisterAuthenticated or EventKind.IcmpRedirect:
                    registrations.Handle(e);
                    break;
                case EventKind.CallStart or EventKind.CallStep: calls.Handle(e); break;
                default: unrelated.Handle(e); break;
            }
        }
        media.Finish();
        foreach (var client in truth.Registrations)
            truth.RegistrationOutcomes[client.Outcome] = truth.RegistrationOutcomes.GetValueOrDefault(client.Outcome) + 1;
        return truth;
    }
}
