using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace NetToolbox.Core.Runs;

/// <summary>Keeps runs in memory: every active run, plus the most recent finished runs up to the configured count.</summary>
public sealed class InMemoryRunStore(IOptions<RunEngineOptions> options) : IRunStore
{
    private readonly ConcurrentDictionary<string, Run> _runs = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<Run> _finished = new();
    private readonly int _maxFinished = options.Value.MaxFinishedRuns;
    private readonly Lock _retention = new();

    /// <inheritdoc />
    public void Add(Run run)
    {
        ArgumentNullException.ThrowIfNull(run);
        _runs[run.RunId] = run;
    }

    /// <inheritdoc />
    public Run? Find(string runId) => _runs.GetValueOrDefault(runId);

    /// <inheritdoc />
    public IReadOnlyList<Run> List() =>
        _runs.Values.OrderByDescending(r => r.StartedAt).ThenByDescending(r => r.RunId, StringComparer.Ordinal).ToList();

    /// <inheritdoc />
    public void Finished(Run run)
    {
        // Locked: two runs finishing at once must not both see the queue over the limit and evict one run too many.
        lock (_retention)
        {
            _finished.Enqueue(run);
            while (_finished.Count > _maxFinished && _finished.TryDequeue(out var oldest))
            {
                _runs.TryRemove(oldest.RunId, out _);
            }
        }
    }
}
