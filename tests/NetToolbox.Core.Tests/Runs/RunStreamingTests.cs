using NetToolbox.Contracts;
using NetToolbox.Core.Runs;
using NetToolbox.Core.Tests.Fakes;

namespace NetToolbox.Core.Tests.Runs;

public sealed class RunStreamingTests
{
    [Fact]
    public async Task StreamAsync_EarlyAndLateSubscribers_EachSeeEverySeqOnceInOrder()
    {
        const int Count = 2_000;
        var halfway = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var proceed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tool = TestTools.Counter("counter", Count, async i =>
        {
            if (i == (Count / 2) + 1)
            {
                halfway.TrySetResult();
                await proceed.Task;
            }
        });
        await using var engine = new EngineFixture(tool);

        var run = engine.Start("counter");
        var early = Enumerable.Range(0, 3).Select(_ => Task.Run(() => Streams.ReadAllAsync(run, EngineFixture.Bound))).ToList();
        await halfway.Task.WaitAsync(EngineFixture.Bound);
        Assert.Equal(Count / 2, run.LastSeq);
        var late = Task.Run(() => Streams.ReadAllAsync(run, EngineFixture.Bound));
        var lateFromMiddle = Task.Run(() => Streams.ReadAllAsync(run, EngineFixture.Bound, afterSeq: 700));
        proceed.SetResult();

        await run.Completion.WaitAsync(EngineFixture.Bound);
        var last = run.LastSeq;
        Assert.Equal(Count + 1, last);
        foreach (var events in await Task.WhenAll([.. early, late]))
        {
            Streams.AssertContiguous(events, 1, last);
            Assert.IsType<ResultEvent>(events[^1]);
            Assert.Equal(Enumerable.Range(1, Count).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), events.OfType<LogEvent>().Select(e => e.Text));
        }

        Streams.AssertContiguous(await lateFromMiddle, 701, last);
    }

    [Fact]
    public async Task StreamAsync_AfterRunFinished_ReplaysBacklogAndEnds()
    {
        await using var engine = new EngineFixture(TestTools.Counter("counter", 10));
        var run = engine.Start("counter");
        await run.Completion.WaitAsync(EngineFixture.Bound);

        var events = await Streams.ReadAllAsync(run, EngineFixture.Bound);

        Streams.AssertContiguous(events, 1, 11);
        Assert.Equal(events.Select(e => e.Seq), run.GetEvents().Select(e => e.Seq));
        Assert.Equal([4L, 5L], run.GetEvents(afterSeq: 3, max: 2).Select(e => e.Seq));
    }

    [Fact]
    public async Task StreamAsync_SubscriberThatStopsReading_DoesNotHoldUpToolOrOtherSubscribers()
    {
        const int Count = 5_000;
        var proceed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tool = TestTools.Counter("counter", Count, i => i == 2 ? proceed.Task : Task.CompletedTask);
        await using var engine = new EngineFixture(tool);
        var run = engine.Start("counter");

        // The stalled subscriber takes one event and then holds its enumerator without asking for more.
        await using var stalled = run.StreamAsync().GetAsyncEnumerator();
        Assert.True(await stalled.MoveNextAsync().AsTask().WaitAsync(EngineFixture.Bound));
        Assert.Equal(1, stalled.Current.Seq);
        var fast = Task.Run(() => Streams.ReadAllAsync(run, EngineFixture.Bound));
        proceed.SetResult();

        await run.Completion.WaitAsync(EngineFixture.Bound);
        var fastEvents = await fast.WaitAsync(EngineFixture.Bound);
        Assert.Equal(RunStatus.Succeeded, run.Status);
        Streams.AssertContiguous(fastEvents, 1, Count + 1);

        // The stalled one, resuming, still gets the rest without gaps.
        var rest = new List<ToolEvent>();
        while (await stalled.MoveNextAsync())
        {
            rest.Add(stalled.Current);
        }

        Streams.AssertContiguous(rest, 2, Count + 1);
    }

    [Fact]
    public async Task StreamAsync_ReaderCancelled_StopsWithoutAffectingRun()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var engine = new EngineFixture(TestTools.Forever("forever", started));
        var run = engine.Start("forever");
        await started.Task.WaitAsync(EngineFixture.Bound);
        using var stop = new CancellationTokenSource();

        var reading = Streams.ReadAllAsyncWithToken(run, stop.Token);
        await stop.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reading.WaitAsync(EngineFixture.Bound));
        Assert.Equal(RunStatus.Running, run.Status);
    }

    [Fact]
    public async Task MaxEventsPerRun_Exceeded_DropsOldestCountsThemAndLateReaderSeesNewest()
    {
        const int Count = 100;
        await using var engine = new EngineFixture(new FakeToolCatalog(TestTools.Counter("counter", Count)), new RunEngineOptions { MaxEventsPerRun = 10 });

        var run = engine.Start("counter");
        await run.Completion.WaitAsync(EngineFixture.Bound);

        Assert.Equal(Count + 1 - 10, run.DroppedEvents);
        var late = await Streams.ReadAllAsync(run, EngineFixture.Bound);
        Streams.AssertContiguous(late, Count + 1 - 9, Count + 1);
        Assert.IsType<ResultEvent>(late[^1]);
        Assert.Equal(RunStatus.Succeeded, run.Status);
    }

    [Fact]
    public async Task KeyedRows_ManyUpdates_ReplaceEarlierRowAndPushNothingOut()
    {
        async IAsyncEnumerable<ToolEvent> Rows()
        {
            await Task.Yield();
            yield return new LogEvent(LogEventLevel.Info, "first");
            yield return new RowEvent(["conn", "bytes"], ["b", 0], Key: "b");
            for (var i = 1; i <= 500; i++)
            {
                yield return new RowEvent(["conn", "bytes"], ["a", i], Key: "a");
            }

            yield return new RowEvent(["conn", "bytes"], ["a-other-table", 1], Key: "a", Table: "other");
            yield return new LogEvent(LogEventLevel.Info, "last");
        }

        var tool = new DelegateTool("rows", (_, _, _) => Rows());
        await using var engine = new EngineFixture(new FakeToolCatalog(tool), new RunEngineOptions { MaxEventsPerRun = 10 });

        var run = engine.Start("rows");
        await run.Completion.WaitAsync(EngineFixture.Bound);

        Assert.Equal(0, run.DroppedEvents);
        var backlog = run.GetEvents();
        Assert.Equal(6, backlog.Count);
        Assert.Equal("first", Assert.IsType<LogEvent>(backlog[0]).Text);
        Assert.Equal("b", Assert.IsType<RowEvent>(backlog[1]).Key);
        var a = Assert.IsType<RowEvent>(backlog[2]);
        Assert.Equal(("a", (string?)null, 500), (a.Key, a.Table, a.Values[1]!.GetValue<int>()));
        Assert.Equal("other", Assert.IsType<RowEvent>(backlog[3]).Table);
        Assert.Equal("last", Assert.IsType<LogEvent>(backlog[4]).Text);
        Assert.IsType<ResultEvent>(backlog[5]);
        Assert.True(backlog.Zip(backlog.Skip(1)).All(pair => pair.First.Seq < pair.Second.Seq));
        Assert.Equal(505, run.LastSeq);
    }
}
