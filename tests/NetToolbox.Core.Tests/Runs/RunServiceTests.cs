using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using NetToolbox.Contracts;
using NetToolbox.Core.Runs;
using NetToolbox.Core.Tests.Fakes;

namespace NetToolbox.Core.Tests.Runs;

public sealed class RunServiceTests
{
    private static readonly TimeSpan CancelBound = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task Start_ValidArguments_RunsToSuccessWithTypedInput()
    {
        async IAsyncEnumerable<ToolEvent> Echo(ToolInput input)
        {
            await Task.Yield();
            yield return new ResultEvent(true, $"{input.Get<long>("count")}/{input.Get<TimeSpan>("interval").TotalMilliseconds}");
        }

        var tool = new DelegateTool(
            "echo",
            (input, _, _) => Echo(input),
            new ParameterSpec { Name = "count", Label = "Count", Kind = ParameterKind.Integer, Required = true },
            new ParameterSpec { Name = "interval", Label = "Interval", Kind = ParameterKind.Duration, Default = "1s" });
        await using var engine = new EngineFixture(tool);

        var result = engine.Service.Start("ECHO", JsonSerializer.Deserialize<Dictionary<string, JsonElement>>("""{ "count": 3 }"""), "alice");
        var run = Assert.IsType<Run>(result.Run);
        await run.Completion.WaitAsync(EngineFixture.Bound);

        Assert.Equal(StartRunOutcome.Started, result.Outcome);
        Assert.Equal("echo", run.ToolId);
        Assert.Equal("alice", run.StartedBy);
        Assert.Equal("""{"count":3,"interval":"PT1S"}""", run.Arguments.ToJsonString());
        Assert.Equal(RunStatus.Succeeded, run.Status);
        Assert.Equal("3/1000", run.Result!.Summary);
        Assert.NotNull(run.EndedAt);
        Assert.Same(run, engine.Service.Find(run.RunId));
    }

    [Fact]
    public async Task Start_ToolYieldsNoResult_SucceedsWithFinishedResult()
    {
        async IAsyncEnumerable<ToolEvent> Quiet()
        {
            await Task.Yield();
            yield return new LogEvent(LogEventLevel.Info, "done");
        }

        await using var engine = new EngineFixture(new DelegateTool("quiet", (_, _, _) => Quiet()));
        var run = engine.Start("quiet", new() { });
        await run.Completion.WaitAsync(EngineFixture.Bound);

        Assert.Equal(RunStatus.Succeeded, run.Status);
        Assert.Equal("Finished", run.Result!.Summary);
        Assert.Equal("anonymous", engine.Service.Start("quiet", new Dictionary<string, string?>(), "  ").Run!.StartedBy);
    }

    [Fact]
    public async Task Start_LastResultFailed_RunFails()
    {
        async IAsyncEnumerable<ToolEvent> Results()
        {
            await Task.Yield();
            yield return new ResultEvent(true, "looked fine");
            yield return new ResultEvent(false, "host unreachable");
        }

        await using var engine = new EngineFixture(new DelegateTool("results", (_, _, _) => Results()));
        var run = engine.Start("results");
        await run.Completion.WaitAsync(EngineFixture.Bound);

        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.Equal("host unreachable", run.Result!.Summary);
    }

    [Fact]
    public async Task Start_UnknownTool_IsRefusedAndNothingIsCreated()
    {
        await using var engine = new EngineFixture(TestTools.Counter("counter", 1));

        var result = engine.Service.Start("nope", new Dictionary<string, string?>(), null);

        Assert.Equal(StartRunOutcome.UnknownTool, result.Outcome);
        Assert.Null(result.Run);
        Assert.Empty(engine.Service.List());
    }

    [Fact]
    public async Task Start_InvalidArguments_IsRefusedNamingEachFieldAndToolNeverRuns()
    {
        var ran = false;
        async IAsyncEnumerable<ToolEvent> Mark()
        {
            ran = true;
            await Task.Yield();
            yield break;
        }

        var tool = new DelegateTool(
            "strict",
            (_, _, _) => Mark(),
            new ParameterSpec { Name = "host", Label = "Host", Kind = ParameterKind.Host, Required = true },
            new ParameterSpec { Name = "port", Label = "Port", Kind = ParameterKind.Port });
        await using var engine = new EngineFixture(tool);

        var result = engine.Service.Start("strict", new Dictionary<string, string?> { ["port"] = "http" }, null);

        Assert.Equal(StartRunOutcome.InvalidArguments, result.Outcome);
        Assert.Null(result.Run);
        Assert.Equal(["host", "port"], result.Errors.Keys.Order(StringComparer.Ordinal).ToArray());
        Assert.Empty(engine.Service.List());
        Assert.Equal(0, engine.Service.ActiveRuns);
        Assert.False(ran);
    }

    [Fact]
    public async Task Cancel_RunningTool_EndsCancelledPromptly()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var engine = new EngineFixture(TestTools.Forever("forever", started));
        var run = engine.Start("forever");
        await started.Task.WaitAsync(EngineFixture.Bound);
        Assert.Equal(RunStatus.Running, run.Status);

        var clock = Stopwatch.StartNew();
        Assert.True(engine.Service.Cancel(run.RunId));
        await run.Completion.WaitAsync(CancelBound);

        Assert.True(clock.Elapsed < CancelBound);
        Assert.Equal(RunStatus.Cancelled, run.Status);
        Assert.Equal("Cancelled", run.Result!.Summary);
        Assert.False(run.Result.Success);
        Assert.False(engine.Service.Cancel(run.RunId));
        Assert.False(engine.Service.Cancel("no-such-run"));
        Assert.Equal(0, engine.Service.ActiveRuns);
    }

    [Fact]
    public async Task Cancel_ToolThatStopsQuietly_IsStillCancelled()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        async IAsyncEnumerable<ToolEvent> Quit([EnumeratorCancellation] CancellationToken ct)
        {
            started.SetResult();
            var stopped = new TaskCompletionSource();
            await using (ct.Register(() => stopped.TrySetResult()))
            {
                await stopped.Task;
            }

            yield return new LogEvent(LogEventLevel.Info, "stopping");
        }

        await using var engine = new EngineFixture(new DelegateTool("quitter", (_, _, ct) => Quit(ct)));
        var run = engine.Start("quitter");
        await started.Task.WaitAsync(EngineFixture.Bound);

        engine.Service.Cancel(run.RunId);
        await run.Completion.WaitAsync(CancelBound);

        Assert.Equal(RunStatus.Cancelled, run.Status);
        Assert.Equal("Cancelled", run.Result!.Summary);
    }

    [Fact]
    public async Task Start_ToolThrows_RunFailsWithMessageAndOtherRunsCarryOn()
    {
        var proceed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var engine = new EngineFixture(
            TestTools.Throwing("thrower", "the socket exploded"),
            TestTools.Counter("counter", 50, i => i == 10 ? proceed.Task : Task.CompletedTask));

        var other = engine.Start("counter");
        var failing = engine.Start("thrower");
        await failing.Completion.WaitAsync(EngineFixture.Bound);
        proceed.SetResult();
        await other.Completion.WaitAsync(EngineFixture.Bound);

        Assert.Equal(RunStatus.Failed, failing.Status);
        Assert.Equal("the socket exploded", failing.Result!.Summary);
        var error = Assert.Single(failing.GetEvents().OfType<LogEvent>(), e => e.Level == LogEventLevel.Error);
        Assert.Equal("InvalidOperationException: the socket exploded", error.Text);
        Assert.Equal(RunStatus.Succeeded, other.Status);
        Assert.Equal(51, other.LastSeq);
    }

    [Fact]
    public async Task Start_ToolBlocksSynchronouslyBeforeFirstAwait_StartStillReturns()
    {
        using var release = new ManualResetEventSlim();
        async IAsyncEnumerable<ToolEvent> Block()
        {
            release.Wait(EngineFixture.Bound);
            await Task.Yield();
            yield return new ResultEvent(true, "unblocked");
        }

        await using var engine = new EngineFixture(new DelegateTool("blocker", (_, _, _) => Block()));
        try
        {
            var started = await Task.Run(() => engine.Start("blocker")).WaitAsync(CancelBound);

            Assert.False(started.Completion.IsCompleted);
            release.Set();
            await started.Completion.WaitAsync(EngineFixture.Bound);
            Assert.Equal("unblocked", started.Result!.Summary);
        }
        finally
        {
            release.Set();
        }
    }

    [Fact]
    public async Task Start_MoreThanMaxActiveRuns_IsRefusedUntilOneFinishes()
    {
        var catalog = new FakeToolCatalog(TestTools.Forever("forever"), TestTools.Counter("counter", 1));
        await using var engine = new EngineFixture(catalog, new RunEngineOptions { MaxActiveRuns = 2 });
        var first = engine.Start("forever");
        engine.Start("forever");

        var refused = engine.Service.Start("counter", new Dictionary<string, string?>(), null);
        Assert.Equal(StartRunOutcome.TooManyRuns, refused.Outcome);
        Assert.Null(refused.Run);
        Assert.Equal(2, engine.Service.ActiveRuns);

        engine.Service.Cancel(first.RunId);
        await first.Completion.WaitAsync(EngineFixture.Bound);

        // Completion means the run is fully accounted for: its slot is free at once.
        Assert.Equal(1, engine.Service.ActiveRuns);
        var next = engine.Start("counter");
        await next.Completion.WaitAsync(EngineFixture.Bound);
        Assert.Equal(RunStatus.Succeeded, next.Status);
    }

    [Fact]
    public async Task Finished_MoreThanMaxFinishedRuns_KeepsOnlyTheMostRecentAndEveryActiveRun()
    {
        var catalog = new FakeToolCatalog(TestTools.Forever("forever"), TestTools.Counter("counter", 3));
        await using var engine = new EngineFixture(catalog, new RunEngineOptions { MaxFinishedRuns = 3 });
        var active = engine.Start("forever");

        var finished = new List<Run>();
        for (var i = 0; i < 6; i++)
        {
            var run = engine.Start("counter");
            await run.Completion.WaitAsync(EngineFixture.Bound);
            finished.Add(run);
        }

        var kept = engine.Service.List().Select(r => r.RunId).ToHashSet();
        Assert.Equal(4, kept.Count);
        Assert.Contains(active.RunId, kept);
        Assert.All(finished.TakeLast(3), r => Assert.Contains(r.RunId, kept));
        Assert.All(finished.Take(3), r => Assert.Null(engine.Service.Find(r.RunId)));
    }

    [Fact]
    public async Task Finished_ConcurrentRunsFinishing_KeepExactlyMaxFinishedRuns()
    {
        const int Rounds = 50;
        const int Runs = 40;
        var catalog = new FakeToolCatalog(TestTools.Counter("counter", 0));
        await using var engine = new EngineFixture(catalog, new RunEngineOptions { MaxFinishedRuns = 5 });
        for (var round = 0; round < Rounds; round++)
        {
            var runs = Enumerable.Range(0, Runs).Select(_ => engine.Start("counter")).ToList();
            await Task.WhenAll(runs.Select(r => r.Completion)).WaitAsync(EngineFixture.Bound);

            Assert.Equal(5, engine.Service.List().Count);
        }
    }

    [Fact]
    public async Task Completion_Awaited_RunSlotIsFreeForTheNextStartAtOnce()
    {
        const int Rounds = 300;
        var catalog = new FakeToolCatalog(TestTools.Counter("counter", 0));
        await using var engine = new EngineFixture(catalog, new RunEngineOptions { MaxActiveRuns = 1, MaxFinishedRuns = 2 });
        for (var round = 0; round < Rounds; round++)
        {
            var run = engine.Start("counter");
            await run.Completion.WaitAsync(EngineFixture.Bound);

            Assert.Equal(0, engine.Service.ActiveRuns);
            Assert.True(engine.Service.List().Count <= 2);
        }
    }

    [Fact]
    public async Task Completion_StoreStillRecordingTheRun_WaitsForTheStore()
    {
        var options = new RunEngineOptions();
        var store = new GatedRunStore(new InMemoryRunStore(Microsoft.Extensions.Options.Options.Create(options)));
        var service = new RunService(
            new FakeToolCatalog(TestTools.Counter("counter", 1)),
            store,
            Microsoft.Extensions.Options.Options.Create(options),
            TimeProvider.System,
            new AllowAllDestinationPolicy(),
            Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance);
        try
        {
            var run = service.Start("counter", new Dictionary<string, string?>(), null).Run!;
            Assert.Same(run, await store.FinishedCalled.Task.WaitAsync(EngineFixture.Bound));

            // The run is finished, but whoever awaits Completion must find it recorded by the store and its slot free.
            Assert.Equal(RunStatus.Succeeded, run.Status);
            Assert.False(run.Completion.IsCompleted);
            store.Release();
            await run.Completion.WaitAsync(EngineFixture.Bound);
            Assert.Equal(0, service.ActiveRuns);
        }
        finally
        {
            store.Release();
            await service.DisposeAsync();
        }
    }

    [Fact]
    public async Task StopAllAsync_ActiveRuns_AreAllCancelled()
    {
        var catalog = new FakeToolCatalog(TestTools.Forever("forever"), TestTools.Counter("counter", 2));
        await using var engine = new EngineFixture(catalog);
        var done = engine.Start("counter");
        await done.Completion.WaitAsync(EngineFixture.Bound);
        var runs = Enumerable.Range(0, 5).Select(_ => engine.Start("forever")).ToList();

        var clock = Stopwatch.StartNew();
        await engine.Service.StopAllAsync(TimeSpan.FromSeconds(5));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5));
        Assert.All(runs, r => Assert.Equal(RunStatus.Cancelled, r.Status));
        Assert.Equal(RunStatus.Succeeded, done.Status);
        Assert.Equal(0, engine.Service.ActiveRuns);
    }

    [Fact]
    public async Task StopAllAsync_ToolIgnoringCancellation_ReturnsAfterGrace()
    {
        using var release = new ManualResetEventSlim();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        async IAsyncEnumerable<ToolEvent> Stubborn()
        {
            await Task.Yield();
            started.SetResult();
            release.Wait(EngineFixture.Bound);
            yield break;
        }

        await using var engine = new EngineFixture(new DelegateTool("stubborn", (_, _, _) => Stubborn()));
        var run = engine.Start("stubborn");
        try
        {
            await started.Task.WaitAsync(EngineFixture.Bound);

            await engine.Service.StopAllAsync(TimeSpan.FromMilliseconds(200)).WaitAsync(EngineFixture.Bound);

            Assert.Equal(RunStatus.Running, run.Status);
        }
        finally
        {
            release.Set();
        }

        await run.Completion.WaitAsync(EngineFixture.Bound);
        Assert.Equal(RunStatus.Cancelled, run.Status);
    }

    [Fact]
    public async Task Run_WithFakeClock_StampsStartEventsAndEndFromTheTimeProvider()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero));
        var start = time.GetUtcNow();
        var proceed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        async IAsyncEnumerable<ToolEvent> Stamped()
        {
            yield return new LogEvent(LogEventLevel.Info, "at start");
            await proceed.Task;
            yield return new LogEvent(LogEventLevel.Info, "three seconds later");
        }

        var catalog = new FakeToolCatalog(new DelegateTool("stamped", (_, _, _) => Stamped()));
        await using var engine = new EngineFixture(catalog, time: time);

        var run = engine.Start("stamped");
        await Eventually(() => run.LastSeq == 1);
        time.Advance(TimeSpan.FromSeconds(3));
        proceed.SetResult();
        await run.Completion.WaitAsync(EngineFixture.Bound);

        Assert.Equal(start, run.StartedAt);
        var events = run.GetEvents();
        Assert.Equal(start, events[0].At);
        Assert.Equal(start.AddSeconds(3), events[1].At);
        Assert.Equal(start.AddSeconds(3), events[2].At);
        Assert.Equal(start.AddSeconds(3), run.EndedAt);
    }

    [Fact]
    public async Task Run_ToolSetsSeqAndAt_HostOverwritesThem()
    {
        async IAsyncEnumerable<ToolEvent> Forged()
        {
            await Task.Yield();
            yield return new LogEvent(LogEventLevel.Info, "forged") { Seq = 99, At = DateTimeOffset.UnixEpoch };
        }

        await using var engine = new EngineFixture(new DelegateTool("forged", (_, _, _) => Forged()));
        var run = engine.Start("forged");
        await run.Completion.WaitAsync(EngineFixture.Bound);

        var first = run.GetEvents()[0];
        Assert.Equal(1, first.Seq);
        Assert.NotEqual(DateTimeOffset.UnixEpoch, first.At);
    }

    [Fact]
    public async Task List_SeveralRuns_NewestFirst()
    {
        var time = new FakeTimeProvider();
        var catalog = new FakeToolCatalog(TestTools.Counter("counter", 1));
        await using var engine = new EngineFixture(catalog, time: time);
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var run = engine.Start("counter");
            await run.Completion.WaitAsync(EngineFixture.Bound);
            ids.Add(run.RunId);
            time.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Equal(ids.AsEnumerable().Reverse(), engine.Service.List().Select(r => r.RunId));
    }

    private static Task Eventually(Func<bool> condition) =>
        NetToolbox.Testing.Eventually.TrueAsync(condition, EngineFixture.Bound, "condition");
}
