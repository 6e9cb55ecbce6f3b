using System.Globalization;
using System.Runtime.CompilerServices;
using NetToolbox.Contracts;

namespace NetToolbox.Core.Tests.Fakes;

/// <summary>In-memory tools for engine tests. Each yields plain contract events only.</summary>
internal static class TestTools
{
    /// <summary>Yields <paramref name="count"/> log lines numbered from 1, yielding the thread every few events, then a success result.</summary>
    public static DelegateTool Counter(string id, int count, Func<int, Task>? beforeEach = null) =>
        new(id, (_, _, ct) => CountAsync(count, beforeEach, ct));

    /// <summary>Waits until cancelled (never yields anything on its own).</summary>
    public static DelegateTool Forever(string id, TaskCompletionSource? started = null) =>
        new(id, (_, _, ct) => ForeverAsync(started, ct));

    /// <summary>Yields one log line, then throws <see cref="InvalidOperationException"/> with <paramref name="message"/>.</summary>
    public static DelegateTool Throwing(string id, string message) =>
        new(id, (_, _, ct) => ThrowAsync(message, ct));

    private static async IAsyncEnumerable<ToolEvent> CountAsync(int count, Func<int, Task>? beforeEach, [EnumeratorCancellation] CancellationToken ct)
    {
        for (var i = 1; i <= count; i++)
        {
            if (beforeEach is not null)
            {
                await beforeEach(i);
            }

            if (i % 16 == 0)
            {
                await Task.Yield();
            }

            ct.ThrowIfCancellationRequested();
            yield return new LogEvent(LogEventLevel.Info, i.ToString(CultureInfo.InvariantCulture));
        }

        yield return new ResultEvent(true, "counted " + count.ToString(CultureInfo.InvariantCulture));
    }

    private static async IAsyncEnumerable<ToolEvent> ForeverAsync(TaskCompletionSource? started, [EnumeratorCancellation] CancellationToken ct)
    {
        started?.TrySetResult();
        await Task.Delay(Timeout.InfiniteTimeSpan, ct);
        yield break;
    }

    private static async IAsyncEnumerable<ToolEvent> ThrowAsync(string message, [EnumeratorCancellation] CancellationToken ct)
    {
        await Task.Yield();
        ct.ThrowIfCancellationRequested();
        yield return new LogEvent(LogEventLevel.Info, "about to throw");
        throw new InvalidOperationException(message);
    }
}
