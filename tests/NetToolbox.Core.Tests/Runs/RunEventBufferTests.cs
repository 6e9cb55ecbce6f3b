using NetToolbox.Contracts;
using NetToolbox.Core.Runs;

namespace NetToolbox.Core.Tests.Runs;

public sealed class RunEventBufferTests
{
    private static LogEvent Log(long seq) => new(LogEventLevel.Info, "log " + seq) { Seq = seq };

    private static RowEvent Row(long seq, string key, string? table = null) => new(["key", "seq"], [key, seq], key, table) { Seq = seq };

    private static List<ToolEvent> All(RunEventBuffer buffer, long afterSeq = 0, int max = int.MaxValue)
    {
        var events = new List<ToolEvent>();
        buffer.CopyAfter(afterSeq, max, events);
        return events;
    }

    [Fact]
    public void Add_BeyondCapacity_EvictsOldestAndCountsThem()
    {
        var buffer = new RunEventBuffer(5);
        for (var seq = 1; seq <= 12; seq++)
        {
            buffer.Add(Log(seq));
        }

        Assert.Equal(5, buffer.Count);
        Assert.Equal(7, buffer.Dropped);
        Assert.Equal([8L, 9L, 10L, 11L, 12L], All(buffer).Select(e => e.Seq));
        Assert.Equal([10L, 11L], All(buffer, afterSeq: 9, max: 2).Select(e => e.Seq));
        Assert.Equal([8L, 9L], All(buffer, afterSeq: 2, max: 2).Select(e => e.Seq));
        Assert.Empty(All(buffer, afterSeq: 12));
    }

    [Fact]
    public void Add_SameKeyAgain_ReplacesEarlierRowWithoutCountingADrop()
    {
        var buffer = new RunEventBuffer(5);
        buffer.Add(Log(1));
        buffer.Add(Row(2, "a"));
        buffer.Add(Row(3, "b"));
        buffer.Add(Row(4, "a"));
        buffer.Add(Row(5, "a", table: "other"));

        Assert.Equal(0, buffer.Dropped);
        Assert.Equal([1L, 3L, 4L, 5L], All(buffer).Select(e => e.Seq));
    }

    [Fact]
    public void Add_KeyedRowAfterItsEarlierRowWasEvicted_DoesNotRemoveAnotherEvent()
    {
        var buffer = new RunEventBuffer(3);
        buffer.Add(Row(1, "a"));
        buffer.Add(Log(2));
        buffer.Add(Log(3));
        buffer.Add(Log(4));
        buffer.Add(Row(5, "a"));

        Assert.Equal(2, buffer.Dropped);
        Assert.Equal([3L, 4L, 5L], All(buffer).Select(e => e.Seq));
    }

    [Fact]
    public void Add_ManyMoreUpdatesThanCompactionThreshold_KeepsOrderAndLatestRows()
    {
        var buffer = new RunEventBuffer(100);
        var seq = 0L;
        buffer.Add(Log(++seq));
        for (var i = 0; i < 10_000; i++)
        {
            buffer.Add(Row(++seq, "k" + (i % 7)));
            if (i % 1000 == 0)
            {
                buffer.Add(Log(++seq));
            }
        }

        var events = All(buffer);
        Assert.Equal(0, buffer.Dropped);
        Assert.Equal(1 + 10 + 7, events.Count);
        Assert.Equal(events.Count, buffer.Count);
        Assert.True(events.Zip(events.Skip(1)).All(p => p.First.Seq < p.Second.Seq));
        var rows = events.OfType<RowEvent>().ToList();
        Assert.Equal(7, rows.Select(r => r.Key).Distinct().Count());
        Assert.Equal(seq, rows.Max(r => r.Seq));
    }

    [Fact]
    public void Add_MixedEvictionAndReplacement_NeverExceedsCapacity()
    {
        var buffer = new RunEventBuffer(10);
        var seq = 0L;
        for (var i = 0; i < 5_000; i++)
        {
            buffer.Add(i % 3 == 0 ? Log(++seq) : Row(++seq, "k" + (i % 4)));
            Assert.True(buffer.Count <= 10);
        }

        var events = All(buffer);
        Assert.Equal(10, events.Count);
        Assert.Equal(seq, events[^1].Seq);
        Assert.True(events.Zip(events.Skip(1)).All(p => p.First.Seq < p.Second.Seq));
        var keys = events.OfType<RowEvent>().Select(r => r.Key).ToList();
        Assert.Equal(keys.Count, keys.Distinct().Count());
    }
}
