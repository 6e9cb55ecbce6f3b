using NetToolbox.Contracts;
using NetToolbox.Core.Runs;

namespace NetToolbox.Core.Tests.Fakes;

/// <summary>Helpers to read a run's event stream in tests, always bounded in time.</summary>
internal static class Streams
{
    /// <summary>Reads the whole stream (backlog, then live, until the run ends) and returns the events.</summary>
    public static async Task<List<ToolEvent>> ReadAllAsync(Run run, TimeSpan timeout, long afterSeq = 0)
    {
        using var deadline = new CancellationTokenSource(timeout);
        var events = new List<ToolEvent>();
        await foreach (var item in run.StreamAsync(afterSeq, deadline.Token))
        {
            events.Add(item);
        }

        return events;
    }

    /// <summary>Reads the whole stream until the run ends or <paramref name="cancellationToken"/> fires.</summary>
    public static async Task<List<ToolEvent>> ReadAllAsyncWithToken(Run run, CancellationToken cancellationToken)
    {
        var events = new List<ToolEvent>();
        await foreach (var item in run.StreamAsync(0, cancellationToken))
        {
            events.Add(item);
        }

        return events;
    }

    /// <summary>Asserts the events' seq numbers are exactly first..last, each once, in order.</summary>
    public static void AssertContiguous(IReadOnlyList<ToolEvent> events, long first, long last)
    {
        var expected = Enumerable.Range(0, checked((int)(last - first + 1))).Select(i => first + i).ToList();
        Assert.Equal(expected, events.Select(e => e.Seq).ToList());
    }
}
