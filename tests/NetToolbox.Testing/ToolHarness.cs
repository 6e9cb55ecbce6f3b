using System.Threading.Channels;
using NetToolbox.Contracts;

namespace NetToolbox.Testing;

/// <summary>Runs a tool directly (no host) and records its events, so tests can wait on conditions.</summary>
public sealed class ToolHarness : IAsyncDisposable
{
    private readonly CancellationTokenSource _cancellation = new();
    private readonly Channel<ToolEvent> _live = Channel.CreateUnbounded<ToolEvent>();
    private readonly List<ToolEvent> _events = [];
    private readonly Lock _gate = new();

    private ToolHarness(ITool tool, IReadOnlyDictionary<string, object> input, IToolContext context)
    {
        Completion = Task.Run(async () =>
        {
            try
            {
                await foreach (var item in tool.RunAsync(new ToolInput(input), context, _cancellation.Token))
                {
                    lock (_gate)
                    {
                        _events.Add(item);
                    }

                    _live.Writer.TryWrite(item);
                }
            }
            finally
            {
                _live.Writer.TryComplete();
            }
        });
    }

    /// <summary>Completes when the tool's enumeration ends (faults if the tool threw).</summary>
    public Task Completion { get; }

    /// <summary>A copy of every event so far.</summary>
    public IReadOnlyList<ToolEvent> Events
    {
        get
        {
            lock (_gate)
            {
                return [.. _events];
            }
        }
    }

    /// <summary>Starts <paramref name="tool"/> with already-typed input values.</summary>
    public static ToolHarness Start(ITool tool, IReadOnlyDictionary<string, object> input, IToolContext? context = null) =>
        new(tool, input, context ?? new TestToolContext());

    /// <summary>Runs the tool to completion (bounded by <paramref name="timeout"/>) and returns every event.</summary>
    public static async Task<IReadOnlyList<ToolEvent>> RunToEndAsync(ITool tool, IReadOnlyDictionary<string, object> input, TimeSpan timeout, IToolContext? context = null)
    {
        await using var harness = Start(tool, input, context);
        await harness.Completion.WaitAsync(timeout);
        return harness.Events;
    }

    /// <summary>Waits until an event matching <paramref name="predicate"/> arrives; throws TimeoutException otherwise.</summary>
    public async Task<T> WaitForAsync<T>(Func<T, bool> predicate, TimeSpan timeout)
        where T : ToolEvent
    {
        using var deadline = new CancellationTokenSource(timeout);
        lock (_gate)
        {
            if (_events.OfType<T>().FirstOrDefault(predicate) is { } seen)
            {
                return seen;
            }
        }

        try
        {
            await foreach (var item in _live.Reader.ReadAllAsync(deadline.Token))
            {
                if (item is T typed && predicate(typed))
                {
                    return typed;
                }
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
        }

        throw new TimeoutException($"No {typeof(T).Name} matching the condition within {timeout}. Events so far:\n" +
            string.Join('\n', Events.Select(e => e.ToString())));
    }

    /// <summary>Cancels the tool and waits (bounded) for it to end; returns how long that took.</summary>
    public async Task<TimeSpan> CancelAsync(TimeSpan timeout)
    {
        var started = TimeProvider.System.GetTimestamp();
        await _cancellation.CancelAsync();
        try
        {
            await Completion.WaitAsync(timeout);
        }
        catch (OperationCanceledException)
        {
        }

        return TimeProvider.System.GetElapsedTime(started);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (!Completion.IsCompleted)
        {
            await CancelAsync(TimeSpan.FromSeconds(5));
        }

        _cancellation.Dispose();
    }
}
