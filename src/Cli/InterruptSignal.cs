using System.Runtime.InteropServices;

namespace PcapSipAnalyzer.Cli;

/// <summary>
/// SIGINT (Ctrl+C) and SIGTERM cancel <see cref="Token"/> instead of ending the process, so the command stops
/// reading, deletes its temporary files and exits with <see cref="ExitCode"/> (130, or 143 for SIGTERM, as a
/// shell reports a process the signal killed). A second Ctrl+C ends the process at once, for a run that does
/// not stop; a repeated SIGTERM does not: a scheduler (Slurm's scancel, a Kubernetes pod stop) signals every
/// process of the job, so a wrapper such as <c>timeout</c> or a shell trap passes the same stop on a second
/// time, and the scheduler's SIGKILL after its grace period is the hard stop.
/// </summary>
internal sealed class InterruptSignal : IDisposable
{
    private readonly CancellationTokenSource _source = new();
    private readonly PosixSignalRegistration[] _registrations;
    private int _signal;

    public InterruptSignal()
    {
        _registrations =
        [
            PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal),
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal),
        ];
    }

    public CancellationToken Token => _source.Token;

    /// <summary>130 after SIGINT, 143 after SIGTERM.</summary>
    public int ExitCode => Volatile.Read(ref _signal) == SigTerm ? ExitCodes.Terminated : ExitCodes.Interrupted;

    private const int SigInt = 2;
    private const int SigTerm = 15;

    private void OnSignal(PosixSignalContext context)
    {
        int number = context.Signal == PosixSignal.SIGTERM ? SigTerm : SigInt;
        int first = Interlocked.CompareExchange(ref _signal, number, 0);
        if (first == SigTerm && number == SigTerm)
        {
            context.Cancel = true; // the same stop again: already stopping
            return;
        }
        if (first != 0)
            return; // the second signal: the default action ends the process
        context.Cancel = true;
        _source.Cancel();
    }

    public void Dispose()
    {
        foreach (var registration in _registrations) registration.Dispose();
        _source.Dispose();
    }
}
