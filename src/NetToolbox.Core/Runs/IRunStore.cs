namespace NetToolbox.Core.Runs;

/// <summary>Where runs live. In memory today; a persistent store (EF Core) will implement the same shape.</summary>
public interface IRunStore
{
    /// <summary>Adds a new run.</summary>
    void Add(Run run);

    /// <summary>Finds a run by id, or null.</summary>
    Run? Find(string runId);

    /// <summary>Every known run, newest first.</summary>
    IReadOnlyList<Run> List();

    /// <summary>Called once when a run has finished, so the store can persist it and apply retention.</summary>
    void Finished(Run run);
}
