using NetToolbox.Cli.Backends;
using NetToolbox.Cli.Output;

namespace NetToolbox.Cli.Commands;

/// <summary>
/// Streams a run into a view and turns its outcome into an exit code. On Ctrl+C it cancels the run and keeps showing
/// events until the tool has stopped (so the cancelled result is printed and every socket is closed), bounded by
/// <see cref="CancelGrace"/>; when only watching someone else's run it detaches instead.
/// </summary>
internal sealed class RunFollower(IRunBackend backend, IEventView view, TextWriter error)
{
    /// <summary>How long a cancelled tool may take to stop before the command gives up on it (tools aim for 200 ms).</summary>
    private static readonly TimeSpan CancelGrace = TimeSpan.FromSeconds(5);

    /// <summary>Follows <paramref name="runId"/> to its end. <paramref name="cancelOnInterrupt"/>: Ctrl+C cancels the run (else it detaches).</summary>
    public async Task<int> FollowAsync(string runId, bool cancelOnInterrupt)
    {
        using var signal = new InterruptSignal();
        using var stop = new CancellationTokenSource();
        var onInterrupt = OnInterruptAsync(runId, cancelOnInterrupt, stop, signal.Token);
        try
        {
            await view.ShowAsync(backend.StreamAsync(runId, 0, stop.Token), stop.Token);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            if (cancelOnInterrupt)
            {
                await error.WriteLineAsync($"nettoolbox: the run did not stop within {CancelGrace.TotalSeconds:0} s of being cancelled.");
            }
        }
        catch (Exception ex) when (ex is not (OperationCanceledException or OutOfMemoryException))
        {
            // E.g. the portal went away mid-run: say so, then report what is known.
            await error.WriteLineAsync($"nettoolbox: lost the run's events: {ex.Message}");
        }

        await stop.CancelAsync();
        await onInterrupt;
        var status = await StatusAsync(runId);
        view.Complete(status);
        if (signal.ExitCode is { } interrupted)
        {
            return interrupted;
        }

        return status == "succeeded" ? ExitCodes.Succeeded : ExitCodes.Failed;
    }

    private async Task OnInterruptAsync(string runId, bool cancelRun, CancellationTokenSource stop, CancellationToken interrupted)
    {
        using (var either = CancellationTokenSource.CreateLinkedTokenSource(interrupted, stop.Token))
        {
            await Task.Delay(Timeout.Infinite, either.Token).ContinueWith(_ => { }, TaskScheduler.Default);
        }

        if (!interrupted.IsCancellationRequested || stop.IsCancellationRequested)
        {
            return; // The run ended first.
        }

        if (!cancelRun)
        {
            await stop.CancelAsync();
            return;
        }

        try
        {
            await backend.CancelAsync(runId, stop.Token);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            await error.WriteLineAsync($"Could not cancel run {runId}: {ex.Message}");
        }

        stop.CancelAfter(CancelGrace);
    }

    private async Task<string?> StatusAsync(string runId)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            return await backend.GetStatusAsync(runId, timeout.Token);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            await error.WriteLineAsync($"Could not read the status of run {runId}: {ex.Message}");
            return null;
        }
    }
}
