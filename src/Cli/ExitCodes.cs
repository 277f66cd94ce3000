namespace PcapSipAnalyzer.Cli;

/// <summary>
/// Process exit codes (BSD sysexits where one fits), documented in the README so scripts can act on them.
/// </summary>
internal static class ExitCodes
{
    /// <summary>The analysis completed, whatever it found.</summary>
    public const int Ok = 0;
    /// <summary>An unexpected internal error (a bug): please report it.</summary>
    public const int InternalError = 1;
    /// <summary>--fail-on: findings at or above the given severity were found.</summary>
    public const int FindingsGate = 2;
    /// <summary>EX_USAGE: bad command line.</summary>
    public const int Usage = 64;
    /// <summary>EX_DATAERR: an input is not a capture, or is broken beyond a truncated last record.</summary>
    public const int DataError = 65;
    /// <summary>EX_NOINPUT: an input file is missing or unreadable.</summary>
    public const int NoInput = 66;
    /// <summary>EX_CANTCREAT: an output file cannot be written (or would overwrite an input).</summary>
    public const int CannotCreate = 73;
    /// <summary>Interrupted by Ctrl+C (128 + SIGINT).</summary>
    public const int Interrupted = 130;
    /// <summary>Stopped by SIGTERM (128 + SIGTERM).</summary>
    public const int Terminated = 143;
}
