using NetToolbox.Contracts;

namespace NetToolbox.Plugins.Waiter;

/// <summary>
/// The retry loop for one target: attempt, record, pause, until the target is ready (inverted: down),
/// the run's deadline passes, or the policy denies it. Emits the target's row after every attempt and
/// a log line per failed attempt.
/// </summary>
internal sealed class TargetWaiter(
    WaitOptions options,
    TargetProber prober,
    IToolContext context,
    long runStarted,
    Action<ToolEvent> emit)
{
    private TimeProvider Time => context.Time;

    /// <summary>Waits for one target; true when it was denied (no other target can save the run then).</summary>
    public async Task<bool> WaitAsync(TargetState state, CancellationToken cancellationToken)
    {
        var target = state.Target;
        var started = Time.GetTimestamp();
        var delay = new RetryDelay(options.Interval, options.Backoff, options.MaxInterval);
        while (true)
        {
            var remaining = options.Timeout - Time.GetElapsedTime(runStarted);
            if (remaining <= TimeSpan.Zero)
            {
                FailAtTimeout(state, started);
                return false;
            }

            var attemptTimeout = options.AttemptTimeout < remaining ? options.AttemptTimeout : remaining;
            var result = await prober.ProbeAsync(target, attemptTimeout, cancellationToken);
            state.CountAttempt();
            var elapsed = Time.GetElapsedTime(started);

            if (result.Outcome == ProbeOutcome.Denied)
            {
                var denial = result.ToString();
                state.MarkFailed(result.Reason, denial, elapsed);
                emit(new LogEvent(LogEventLevel.Error, $"{target.Text}: {denial}"));
                emit(state.ToRow());
                WaiterLog.TargetFailed(context.Logger, context.RunId, target.Text, denial);
                return true;
            }

            // An attempt cut short by the deadline proves nothing (and in inverted mode must not count as
            // "down"): keep the previous attempt's reason, which says more about why the target is not ready.
            if (result.Outcome == ProbeOutcome.TimedOut && attemptTimeout < options.AttemptTimeout && (state.LastError is not null || options.Invert))
            {
                if (state.LastError is null)
                {
                    state.RecordFailure(result.Reason, result.ToString(), elapsed);
                }

                emit(new LogEvent(LogEventLevel.Info, $"{target.Text}: attempt {state.Attempts} cut short by the overall timeout"));
                FailAtTimeout(state, started);
                return false;
            }

            if (result.IsReady != options.Invert)
            {
                state.MarkReady(elapsed);
                var what = options.Invert ? $"down ({result})" : $"ready ({result.Detail})";
                emit(new LogEvent(LogEventLevel.Info,
                    $"{target.Text}: {what} after {state.Attempts} attempt(s), {DurationText.Format(elapsed)}"));
                emit(state.ToRow());
                WaiterLog.TargetDone(context.Logger, context.RunId, target.Text, state.Attempts, elapsed.TotalMilliseconds);
                return false;
            }

            remaining = options.Timeout - Time.GetElapsedTime(runStarted);
            var pause = remaining > TimeSpan.Zero ? delay.Next() : TimeSpan.Zero;
            pause = pause < remaining ? pause : remaining;
            RecordFailedAttempt(state, result, elapsed, pause);
            if (pause <= TimeSpan.Zero)
            {
                FailAtTimeout(state, started);
                return false;
            }

            await Task.Delay(pause, Time, cancellationToken);
        }
    }

    private void RecordFailedAttempt(TargetState state, ProbeResult result, TimeSpan elapsed, TimeSpan pause)
    {
        var (reason, error) = options.Invert
            ? ("still accepting", $"still accepting ({result.Detail})")
            : (result.Reason, result.ToString());
        state.RecordFailure(reason, error, elapsed);

        // A DNS failure is retried (the name may be coming back with the service) but stands out.
        var level = result.Outcome is ProbeOutcome.DnsFailure or ProbeOutcome.Error ? LogEventLevel.Warning : LogEventLevel.Info;
        var retry = pause > TimeSpan.Zero ? $"; retrying in {DurationText.Format(pause)}" : string.Empty;
        emit(new LogEvent(level, $"{state.Target.Text}: attempt {state.Attempts} failed: {error}{retry}"));
        emit(state.ToRow());
        WaiterLog.AttemptFailed(context.Logger, context.RunId, state.Target.Text, state.Attempts, error);
    }

    private void FailAtTimeout(TargetState state, long started)
    {
        var elapsed = Time.GetElapsedTime(started);
        state.MarkFailed(state.LastReason ?? "timed out", state.LastError ?? "no attempt before the timeout", elapsed);
        var what = options.Invert ? "still up" : "not ready";
        emit(new LogEvent(LogEventLevel.Error,
            $"{state.Target.Text}: {what} after {DurationText.Format(options.Timeout)} ({state.Attempts} attempt(s)); last: {state.LastError}"));
        emit(state.ToRow());
        WaiterLog.TargetFailed(context.Logger, context.RunId, state.Target.Text, state.LastError!);
    }
}
