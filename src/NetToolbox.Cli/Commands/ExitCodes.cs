namespace NetToolbox.Cli.Commands;

/// <summary>What the process returns; scripts depend on these.</summary>
internal static class ExitCodes
{
    /// <summary>The tool ran and succeeded.</summary>
    public const int Succeeded = 0;

    /// <summary>The tool ran and failed (host down, waiter timed out, ...), or could not be run (portal unreachable).</summary>
    public const int Failed = 1;

    /// <summary>Bad arguments: unknown command or option, or a value the tool's schema refuses.</summary>
    public const int BadArguments = 2;

    /// <summary>Ctrl+C (SIGINT): the run was cancelled and the tool closed its sockets (128 + 2).</summary>
    public const int Interrupted = 130;

    /// <summary>SIGTERM: as Ctrl+C (128 + 15).</summary>
    public const int Terminated = 143;
}
