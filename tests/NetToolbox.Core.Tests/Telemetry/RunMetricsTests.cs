using System.Runtime.CompilerServices;
using NetToolbox.Contracts;
using NetToolbox.Core.Runs;
using NetToolbox.Core.Tests.Fakes;
using NetToolbox.Testing;

namespace NetToolbox.Core.Tests.Telemetry;

public sealed class RunMetricsTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Start_ToolRunning_CountsStartedAndActiveUntilItEnds()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        async IAsyncEnumerable<ToolEvent> Gated([EnumeratorCancellation] CancellationToken ct)
        {
            yield return new LogEvent(LogEventLevel.Info, "waiting");
            await release.Task.WaitAsync(ct);
            yield return new ResultEvent(true, "released");
        }

        await using var engine = new EngineFixture(new DelegateTool("gated", (_, _, ct) => Gated(ct)), new DelegateTool("other", (_, _, ct) => Gated(ct)));
        using var recorder = new MeterRecorder(engine.Metrics.Meter);

        var first = engine.Start("gated");
        var second = engine.Start("gated");
        await recorder.WaitForAsync(r => r.Sum("nettoolbox.runs.active", "tool", "gated") == 2, Bound, "two active gated runs");
        Assert.Equal(2, recorder.Sum("nettoolbox.runs.started", "tool", "gated"));
        Assert.Equal(0, recorder.Sum("nettoolbox.runs.started", "tool", "other"));

        release.SetResult();
        await Task.WhenAll(first.Completion, second.Completion).WaitAsync(Bound);

        Assert.Equal(0, recorder.Sum("nettoolbox.runs.active", "tool", "gated"));
        Assert.Equal(0, recorder.Sum("nettoolbox.runs.failed", "tool", "gated"));
        var durations = recorder.Of("nettoolbox.runs.duration", "tool", "gated");
        Assert.Equal(2, durations.Count);
        Assert.All(durations, d => Assert.Equal("succeeded", d.Tags["status"]));
        Assert.All(durations, d => Assert.InRange(d.Value, 0, Bound.TotalSeconds));
    }

    [Fact]
    public async Task Start_ToolFailsOrThrows_CountsFailuresByToolButNotCancellations()
    {
        async IAsyncEnumerable<ToolEvent> Fails()
        {
            await Task.Yield();
            yield return new ResultEvent(false, "unreachable");
        }

        async IAsyncEnumerable<ToolEvent> Throws()
        {
            await Task.Yield();
            throw new InvalidOperationException("bug");
#pragma warning disable CS0162 // An iterator needs a yield.
            yield break;
#pragma warning restore CS0162
        }

        async IAsyncEnumerable<ToolEvent> Endless([EnumeratorCancellation] CancellationToken ct)
        {
            yield return new LogEvent(LogEventLevel.Info, "running");
            await Task.Delay(Timeout.InfiniteTimeSpan, ct);
        }

        await using var engine = new EngineFixture(
            new DelegateTool("fails", (_, _, _) => Fails()),
            new DelegateTool("throws", (_, _, _) => Throws()),
            new DelegateTool("endless", (_, _, ct) => Endless(ct)));
        using var recorder = new MeterRecorder(engine.Metrics.Meter);

        var failed = engine.Start("fails");
        var thrown = engine.Start("throws");
        var cancelled = engine.Start("endless");
        await Eventually.TrueAsync(() => cancelled.Status == RunStatus.Running, Bound, "endless run to start");
        Assert.True(engine.Service.Cancel(cancelled.RunId));
        await Task.WhenAll(failed.Completion, thrown.Completion, cancelled.Completion).WaitAsync(Bound);

        Assert.Equal(1, recorder.Sum("nettoolbox.runs.failed", "tool", "fails"));
        Assert.Equal(1, recorder.Sum("nettoolbox.runs.failed", "tool", "throws"));
        Assert.Equal(0, recorder.Sum("nettoolbox.runs.failed", "tool", "endless"));
        Assert.Equal("cancelled", Assert.Single(recorder.Of("nettoolbox.runs.duration", "tool", "endless")).Tags["status"]);
        Assert.Equal(0, recorder.Sum("nettoolbox.runs.active"));
    }

    [Fact]
    public async Task ToolMetrics_CountAdjustRecord_PublishedUnderTheToolsNameAndLevelsTakenBackAtTheEnd()
    {
        var reported = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        async IAsyncEnumerable<ToolEvent> Relay(IToolContext context, [EnumeratorCancellation] CancellationToken ct)
        {
            context.Metrics.Count("bytes", 1000, "By", ("direction", "up"));
            context.Metrics.Count("bytes", 24, "By", ("direction", "down"));
            context.Metrics.Adjust("connections.open", 3, "{connection}");
            context.Metrics.Adjust("connections.open", -1, "{connection}");
            context.Metrics.Record("rtt", 1.5, "ms");
            context.Metrics.Record("rtt", 2.5, "ms");
            reported.SetResult();
            yield return new LogEvent(LogEventLevel.Info, "relaying");

            // Stopped by cancellation with two connections still counted open.
            await Task.Delay(Timeout.InfiniteTimeSpan, ct);
        }

        await using var engine = new EngineFixture(new DelegateTool("relay", (_, context, ct) => Relay(context, ct)));
        using var recorder = new MeterRecorder(engine.Metrics.Meter);

        var run = engine.Start("relay");
        await reported.Task.WaitAsync(Bound);

        Assert.Equal(1000, recorder.Sum("nettoolbox.tool.relay.bytes", "direction", "up"));
        Assert.Equal(24, recorder.Sum("nettoolbox.tool.relay.bytes", "direction", "down"));
        Assert.Equal(2, recorder.Sum("nettoolbox.tool.relay.connections.open"));
        Assert.Equal([1.5, 2.5], recorder.Of("nettoolbox.tool.relay.rtt").Select(m => m.Value));
        Assert.Equal("By", UnitOf(engine, "nettoolbox.tool.relay.bytes"));

        Assert.True(engine.Service.Cancel(run.RunId));
        await run.Completion.WaitAsync(Bound);

        Assert.Equal(0, recorder.Sum("nettoolbox.tool.relay.connections.open"));
        Assert.Equal(RunStatus.Cancelled, run.Status);
    }

    [Theory]
    [InlineData("Bytes")]
    [InlineData("bytes relayed")]
    [InlineData("1bytes")]
    [InlineData("")]
    public async Task ToolMetrics_InvalidName_FailsTheRunWithTheReason(string name)
    {
        async IAsyncEnumerable<ToolEvent> Bad(IToolContext context)
        {
            await Task.Yield();
            context.Metrics.Count(name, 1);
            yield return new ResultEvent(true, "not reached");
        }

        await using var engine = new EngineFixture(new DelegateTool("bad", (_, context, _) => Bad(context)));
        var run = engine.Start("bad");
        await run.Completion.WaitAsync(Bound);

        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.Contains("is invalid", run.Result!.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ToolMetrics_NameUsedAsTwoKinds_FailsTheRun()
    {
        async IAsyncEnumerable<ToolEvent> Clash(IToolContext context)
        {
            await Task.Yield();
            context.Metrics.Count("probes", 1);
            context.Metrics.Record("probes", 1.0);
            yield return new ResultEvent(true, "not reached");
        }

        await using var engine = new EngineFixture(new DelegateTool("clash", (_, context, _) => Clash(context)));
        var run = engine.Start("clash");
        await run.Completion.WaitAsync(Bound);

        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.Contains("already a count", run.Result!.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ToolMetrics_TooManyNames_RefusedPastTheCap()
    {
        async IAsyncEnumerable<ToolEvent> Many(IToolContext context)
        {
            await Task.Yield();
            for (var i = 0; i < 100; i++)
            {
                context.Metrics.Count("target_" + i, 1);
            }

            yield return new ResultEvent(true, "not reached");
        }

        await using var engine = new EngineFixture(new DelegateTool("many", (_, context, _) => Many(context)));
        using var recorder = new MeterRecorder(engine.Metrics.Meter);
        var run = engine.Start("many");
        await run.Completion.WaitAsync(Bound);

        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.Contains("already has 32 metrics", run.Result!.Summary, StringComparison.Ordinal);
        Assert.Equal(32, recorder.Measurements.Select(m => m.Instrument).Distinct().Count(n => n.StartsWith("nettoolbox.tool.many.", StringComparison.Ordinal)));
    }

    /// <summary>A new listener is told of every existing instrument at Start, with its unit.</summary>
    private static string? UnitOf(EngineFixture engine, string instrument)
    {
        using var listener = new System.Diagnostics.Metrics.MeterListener();
        string? unit = null;
        listener.InstrumentPublished = (i, _) =>
        {
            if (ReferenceEquals(i.Meter, engine.Metrics.Meter) && i.Name == instrument)
            {
                unit = i.Unit;
            }
        };
        listener.Start();
        return unit;
    }
}
