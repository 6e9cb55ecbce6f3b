using System.Runtime.InteropServices;

namespace NetToolbox.Cli.Commands;

/// <summary>
/// Turns the first SIGINT (Ctrl+C) or SIGTERM into a cancellation request instead of ending the process, so the run can
/// be cancelled cleanly; a second signal ends the process at once (the runtime's default).
/// </summary>
internal sealed class InterruptSignal : IDisposable
{
    private readonly CancellationTokenSource _cancellation = new();
    private readonly PosixSignalRegistration _interrupt;
    private readonly PosixSignalRegistration _terminate;
    private int _exitCode;

    public InterruptSignal()
    {
        _interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => Handle(context, ExitCodes.Interrupted));
        _terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => Handle(context, ExitCodes.Terminated));
    }

    /// <summary>Cancelled when the first signal arrives.</summary>
    public CancellationToken Token => _cancellation.Token;

    /// <summary>130 after SIGINT, 143 after SIGTERM, null when no signal came.</summary>
    public int? ExitCode => Volatile.Read(ref _exitCode) is var code and not 0 ? code : null;

    public void Dispose()
    {
        _interrupt.Dispose();
        _terminate.Dispose();
        _cancellation.Dispose();
    }

    private void Handle(PosixSignalContext context, int exitCode)
    {
        if (Interlocked.CompareExchange(ref _exitCode, exitCode, 0) != 0)
        {
            return;
        }

        context.Cancel = true;
        _cancellation.Cancel();
    }
}
