using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using NetToolbox.Contracts;

namespace NetToolbox.Core.Runs;

/// <summary>
/// One run of one tool: identity, status, and its bounded event backlog. Any number of readers stream
/// its events by sequence number, so a late reader gets the backlog then live events with no gap or
/// duplicate, and a slow reader never holds up the tool or another reader.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "The CancellationTokenSource has no timer: nothing to release, and disposing it would race with late Cancel calls.")]
public sealed class Run
{
    private const int ReadBatchSize = 256;

    private readonly Lock _gate = new();
    private readonly RunEventBuffer _buffer;
    private readonly CancellationTokenSource _cancellation = new();
    private TaskCompletionSource _changed = NewSignal();
    private long _lastSeq;

    internal Run(string runId, string toolId, JsonObject arguments, string startedBy, DateTimeOffset createdAt, int maxEvents)
    {
        RunId = runId;
        ToolId = toolId;
        Arguments = arguments;
        StartedBy = startedBy;
        StartedAt = createdAt;
        _buffer = new RunEventBuffer(maxEvents);
    }

    /// <summary>Unique id of the run.</summary>
    public string RunId { get; }

    /// <summary>The tool that runs.</summary>
    public string ToolId { get; }

    /// <summary>The validated arguments, in canonical JSON form.</summary>
    public JsonObject Arguments { get; }

    /// <summary>Who started the run (user name, or <c>anonymous</c>).</summary>
    public string StartedBy { get; }

    /// <summary>When the run was accepted.</summary>
    public DateTimeOffset StartedAt { get; }

    /// <summary>When it finished, or null while it goes on.</summary>
    public DateTimeOffset? EndedAt { get; private set; }

    /// <summary>Current status.</summary>
    public RunStatus Status { get; private set; } = RunStatus.Pending;

    /// <summary>The deciding result event, once there is one.</summary>
    public ResultEvent? Result { get; private set; }

    /// <summary>Events dropped from the backlog because it was full.</summary>
    public long DroppedEvents
    {
        get
        {
            lock (_gate)
            {
                return _buffer.Dropped;
            }
        }
    }

    /// <summary>Sequence number of the newest event (0 before the first).</summary>
    public long LastSeq => Interlocked.Read(ref _lastSeq);

    /// <summary>Completes when the run has finished, whatever its outcome.</summary>
    public Task Completion => _completion.Task;

    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal CancellationToken CancellationToken => _cancellation.Token;

    internal bool CancelRequested => _cancellation.IsCancellationRequested;

    /// <summary>The events currently in the backlog, oldest first.</summary>
    public IReadOnlyList<ToolEvent> GetEvents(long afterSeq = 0, int max = int.MaxValue)
    {
        var events = new List<ToolEvent>();
        lock (_gate)
        {
            _buffer.CopyAfter(afterSeq, max, events);
        }

        return events;
    }

    /// <summary>
    /// Streams events with seq greater than <paramref name="afterSeq"/>: first the backlog, then live events,
    /// ending when the run has finished and every event was delivered.
    /// </summary>
    public async IAsyncEnumerable<ToolEvent> StreamAsync(long afterSeq = 0, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var cursor = afterSeq;
        var batch = new List<ToolEvent>(ReadBatchSize);
        while (true)
        {
            Task changed;
            bool finished;
            batch.Clear();
            lock (_gate)
            {
                _buffer.CopyAfter(cursor, ReadBatchSize, batch);
                changed = _changed.Task;
                finished = Status.IsFinished();
            }

            if (batch.Count == 0)
            {
                if (finished)
                {
                    yield break;
                }

                await changed.WaitAsync(cancellationToken).ConfigureAwait(false);
                continue;
            }

            foreach (var item in batch)
            {
                cursor = item.Seq;
                yield return item;
            }
        }
    }

    internal void MarkRunning()
    {
        lock (_gate)
        {
            if (Status == RunStatus.Pending)
            {
                Status = RunStatus.Running;
            }
        }

        Signal();
    }

    /// <summary>Stamps and stores an event, then wakes the readers.</summary>
    internal ToolEvent Append(ToolEvent item, DateTimeOffset at)
    {
        ToolEvent stamped;
        lock (_gate)
        {
            stamped = item with { Seq = _lastSeq + 1, At = at };
            _buffer.Add(stamped);
            Interlocked.Exchange(ref _lastSeq, stamped.Seq);
            if (stamped is ResultEvent result)
            {
                Result = result;
            }
        }

        Signal();
        return stamped;
    }

    /// <summary>Sets the final status and wakes the readers; <see cref="Completion"/> follows with <see cref="Complete"/>.</summary>
    internal void Finish(RunStatus status, DateTimeOffset at)
    {
        lock (_gate)
        {
            Status = status;
            EndedAt = at;
        }

        Signal();
    }

    /// <summary>Completes <see cref="Completion"/>, once the engine has finished its own bookkeeping for the run.</summary>
    internal void Complete() => _completion.TrySetResult();

    /// <summary>Requests cancellation; false when the run had already finished.</summary>
    internal bool RequestCancel()
    {
        lock (_gate)
        {
            if (Status.IsFinished())
            {
                return false;
            }
        }

        // Outside the lock: cancellation callbacks belong to the tool and may take their time.
        _cancellation.Cancel();
        return true;
    }

    private void Signal()
    {
        TaskCompletionSource previous;
        lock (_gate)
        {
            previous = _changed;
            _changed = NewSignal();
        }

        previous.TrySetResult();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
