using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using NetToolbox.Contracts;
using NetToolbox.Core.Telemetry;
using NetToolbox.Core.Tests.Fakes;

namespace NetToolbox.Core.Tests.Telemetry;

public sealed class RunTracingTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Start_ToolRuns_OneSpanWithToolRunAndStatus()
    {
        async IAsyncEnumerable<ToolEvent> Traced(bool succeed)
        {
            await Task.Yield();
            yield return new ResultEvent(succeed, succeed ? "fine" : "target refused");
        }

        // The ActivitySource is process-wide: keep only this test's tools (unique ids).
        var ids = new[] { "traced-ok-" + Guid.NewGuid().ToString("N")[..8], "traced-bad-" + Guid.NewGuid().ToString("N")[..8] };
        var spans = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == NetToolboxTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (ids.Contains(activity.GetTagItem(NetToolboxTelemetry.ToolIdTag) as string))
                {
                    spans.Enqueue(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);

        await using var engine = new EngineFixture(
            new DelegateTool(ids[0], (_, _, _) => Traced(true)),
            new DelegateTool(ids[1], (_, _, _) => Traced(false)));
        var ok = engine.Start(ids[0]);
        var bad = engine.Start(ids[1]);
        await Task.WhenAll(ok.Completion, bad.Completion).WaitAsync(Bound);
        await Testing.Eventually.TrueAsync(() => spans.Count == 2, Bound, "both run spans to stop");

        var okSpan = spans.Single(s => (string?)s.GetTagItem(NetToolboxTelemetry.ToolIdTag) == ids[0]);
        Assert.Equal("run " + ids[0], okSpan.DisplayName);
        Assert.Equal(ok.RunId, okSpan.GetTagItem(NetToolboxTelemetry.RunIdTag));
        Assert.Equal("succeeded", okSpan.GetTagItem(NetToolboxTelemetry.RunStatusTag));
        Assert.Equal(ActivityStatusCode.Unset, okSpan.Status);

        var badSpan = spans.Single(s => (string?)s.GetTagItem(NetToolboxTelemetry.ToolIdTag) == ids[1]);
        Assert.Equal(bad.RunId, badSpan.GetTagItem(NetToolboxTelemetry.RunIdTag));
        Assert.Equal("failed", badSpan.GetTagItem(NetToolboxTelemetry.RunStatusTag));
        Assert.Equal(ActivityStatusCode.Error, badSpan.Status);
        Assert.Equal("target refused", badSpan.StatusDescription);
    }

    [Fact]
    public async Task Start_InsideAnActivity_RunSpanIsItsChild()
    {
        async IAsyncEnumerable<ToolEvent> Quick()
        {
            await Task.Yield();
            yield return new ResultEvent(true, "fine");
        }

        var id = "child-" + Guid.NewGuid().ToString("N")[..8];
        var stopped = new TaskCompletionSource<Activity>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var source = new ActivitySource("NetToolbox.Tests.Caller");
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == NetToolboxTelemetry.Name || s == source,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if ((string?)activity.GetTagItem(NetToolboxTelemetry.ToolIdTag) == id)
                {
                    stopped.TrySetResult(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        await using var engine = new EngineFixture(new DelegateTool(id, (_, _, _) => Quick()));

        ActivityTraceId callerTrace;
        using (var caller = source.StartActivity("POST runs"))
        {
            callerTrace = caller!.TraceId;
            engine.Start(id);
        }

        var span = await stopped.Task.WaitAsync(Bound);
        Assert.Equal(callerTrace, span.TraceId);
    }
}
