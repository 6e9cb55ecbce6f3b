namespace NetToolbox.Plugins.Forwarder;

/// <summary>Run-wide counts bumped by the accept loop and read by the publisher.</summary>
internal sealed class SessionCounters
{
    private long _accepted;
    private long _refusedOverLimit;

    /// <summary>Connections accepted and relayed (or attempted).</summary>
    public long Accepted => Interlocked.Read(ref _accepted);

    /// <summary>Connections accepted and closed at once because the limit was reached.</summary>
    public long RefusedOverLimit => Interlocked.Read(ref _refusedOverLimit);

    /// <summary>Counts an accepted connection and returns its id (1, 2, …).</summary>
    public long NextConnection() => Interlocked.Increment(ref _accepted);

    /// <summary>Counts a connection refused over the limit.</summary>
    public void RefuseOverLimit() => Interlocked.Increment(ref _refusedOverLimit);
}
