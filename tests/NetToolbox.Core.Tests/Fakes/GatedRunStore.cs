using NetToolbox.Core.Runs;

namespace NetToolbox.Core.Tests.Fakes;

/// <summary>
/// An in-memory store whose <see cref="Finished"/> waits on a gate, like a persistent store writing to disk,
/// so a test can observe what the engine does while the store is still busy.
/// </summary>
internal sealed class GatedRunStore(IRunStore inner) : IRunStore
{
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource<Run> FinishedCalled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Release() => _release.TrySetResult();

    public void Add(Run run) => inner.Add(run);

    public Run? Find(string runId) => inner.Find(runId);

    public IReadOnlyList<Run> List() => inner.List();

    public void Finished(Run run)
    {
        FinishedCalled.TrySetResult(run);
        _release.Task.Wait(TimeSpan.FromSeconds(10));
        inner.Finished(run);
    }
}
