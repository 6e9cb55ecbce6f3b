using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using NetToolbox.Contracts;

namespace NetToolbox.Plugins.Waiter;

/// <summary>
/// One run of the waiter: checks the policy for every target, then waits for all targets at once or one
/// after another, while a ticker reports progress; ends with one result. Workers write events into a
/// channel that <see cref="RunAsync"/> yields from, so parallel targets never block each other.
/// </summary>
internal sealed class WaitRun(WaitOptions options, IToolContext context, ResolveHost resolve)
{
    /// <summary>Progress updates per target run are throttled to this period (4 per second is smooth for a bar).</summary>
    private static readonly TimeSpan ProgressPeriod = TimeSpan.FromMilliseconds(250);

    private readonly Channel<ToolEvent> _events = Channel.CreateUnbounded<ToolEvent>(new UnboundedChannelOptions { SingleReader = true });
    private readonly TargetState[] _states = [.. options.Targets.Select(t => new TargetState(t))];

    private string ReadyWord => options.Invert ? "down" : "ready";

    /// <summary>Runs and yields events; cancellation stops every probe and closes every socket before returning.</summary>
    public async IAsyncEnumerable<ToolEvent> RunAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var worker = Task.Run(() => ExecuteAsync(stop.Token), CancellationToken.None);
        try
        {
            await foreach (var item in _events.Reader.ReadAllAsync(cancellationToken))
            {
                yield return item;
            }
        }
        finally
        {
            await stop.CancelAsync();

            // Failures of the worker reach the reader through the channel; here only wait for sockets to close.
            await worker.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private void Emit(ToolEvent item) => _events.Writer.TryWrite(item);

    private async Task ExecuteAsync(CancellationToken cancellationToken)
    {
        try
        {
            var started = context.Time.GetTimestamp();
            WaiterLog.Started(context.Logger, context.RunId, _states.Length, options.Sequential ? "sequential" : "all", options.Timeout, options.Invert);
            if (CheckPolicy())
            {
                using var prober = new TargetProber(options, resolve, context.Destinations, context.Time);
                var waiter = new TargetWaiter(options, prober, context, started, Emit);
                foreach (var state in _states)
                {
                    Emit(state.ToRow());
                }

                using var tickerStop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                var ticker = TickAsync(started, tickerStop.Token);
                try
                {
                    await (options.Sequential ? WaitSequentialAsync(waiter, cancellationToken) : WaitAllAsync(waiter, cancellationToken));
                }
                finally
                {
                    await tickerStop.CancelAsync();
                    await ticker.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                }
            }

            Finish(context.Time.GetElapsedTime(started));
            _events.Writer.TryComplete();
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            _events.Writer.TryComplete();
        }
        catch (Exception ex)
        {
            _events.Writer.TryComplete(ex);
            throw;
        }
    }

    /// <summary>Asks the destination policy about every target before any probe; false when one is denied.</summary>
    private bool CheckPolicy()
    {
        var denied = new List<TargetState>();
        foreach (var state in _states)
        {
            var decision = context.Destinations.CheckConnect(state.Target.PolicyEndPoint);
            if (!decision.Allowed)
            {
                state.MarkFailed("denied", $"denied ({decision.Reason})", TimeSpan.Zero);
                denied.Add(state);
            }
        }

        if (denied.Count == 0)
        {
            return true;
        }

        foreach (var state in _states)
        {
            if (state.Status == TargetStatus.Waiting)
            {
                state.MarkSkipped("not checked: another target is denied");
            }

            Emit(new LogEvent(state.Status == TargetStatus.Failed ? LogEventLevel.Error : LogEventLevel.Info, $"{state.Target.Text}: {state.LastError}"));
            Emit(state.ToRow());
        }

        return false;
    }

    private async Task WaitAllAsync(TargetWaiter waiter, CancellationToken cancellationToken)
    {
        using var group = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        string? deniedTarget = null;
        await Task.WhenAll(_states.Select(WaitOneAsync));

        async Task WaitOneAsync(TargetState state)
        {
            try
            {
                if (await waiter.WaitAsync(state, group.Token))
                {
                    // A denied target can never become ready: stop the others rather than wait for the timeout.
                    Interlocked.CompareExchange(ref deniedTarget, state.Target.Text, null);
                    await group.CancelAsync();
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                state.MarkSkipped($"stopped: {Volatile.Read(ref deniedTarget)} is denied");
                Emit(state.ToRow());
            }
        }
    }

    private async Task WaitSequentialAsync(TargetWaiter waiter, CancellationToken cancellationToken)
    {
        TargetState? blocker = null;
        foreach (var state in _states)
        {
            if (blocker is not null)
            {
                state.MarkSkipped($"not checked: {blocker.Target.Text} is not {ReadyWord}");
                Emit(state.ToRow());
                continue;
            }

            await waiter.WaitAsync(state, cancellationToken);
            if (state.Status != TargetStatus.Ready)
            {
                blocker = state;
            }
        }
    }

    private async Task TickAsync(long started, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var elapsed = context.Time.GetElapsedTime(started);
            var ready = _states.Count(s => s.Status == TargetStatus.Ready);
            var fraction = Math.Clamp(elapsed / options.Timeout, 0, 1);
            Emit(new ProgressEvent(fraction,
                $"{ready} of {_states.Length} {ReadyWord}, {DurationText.Format(elapsed)} of {DurationText.Format(options.Timeout)}"));
            await Task.Delay(ProgressPeriod, context.Time, cancellationToken);
        }
    }

    private void Finish(TimeSpan elapsed)
    {
        var ready = _states.Count(s => s.Status == TargetStatus.Ready);
        var success = ready == _states.Length;
        string summary;
        if (success)
        {
            summary = _states.Length == 1
                ? $"{_states[0].Target.Text} {ReadyWord} after {_states[0].Attempts} attempt(s) in {DurationText.Format(elapsed)}"
                : $"All {_states.Length} targets {ReadyWord} in {DurationText.Format(elapsed)}";
        }
        else
        {
            var notReady = _states.Where(s => s.Status != TargetStatus.Ready).Select(s => $"{s.Target.Text} ({s.LastError})");
            var when = elapsed >= options.Timeout ? $"after the {DurationText.Format(options.Timeout)} timeout" : $"after {DurationText.Format(elapsed)}";
            summary = $"{_states.Length - ready} of {_states.Length} target(s) not {ReadyWord} {when}: {string.Join("; ", notReady)}";
        }

        var targets = new JsonArray();
        foreach (var state in _states)
        {
            targets.Add(state.ToJson());
        }

        Emit(new ProgressEvent(1, success ? $"all {ReadyWord}" : $"{ready} of {_states.Length} {ReadyWord}"));
        Emit(new ResultEvent(success, summary, new JsonObject
        {
            ["elapsedMs"] = Math.Round(elapsed.TotalMilliseconds, 1),
            ["timeoutMs"] = options.Timeout.TotalMilliseconds,
            ["mode"] = options.Sequential ? WaiterParameters.ModeSequential : WaiterParameters.ModeAll,
            ["invert"] = options.Invert,
            ["ready"] = ready,
            ["total"] = _states.Length,
            ["targets"] = targets,
        }));
        WaiterLog.Finished(context.Logger, context.RunId, success, elapsed.TotalMilliseconds);
    }
}
