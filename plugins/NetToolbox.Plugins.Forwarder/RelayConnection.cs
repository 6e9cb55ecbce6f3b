namespace NetToolbox.Plugins.Forwarder;

/// <summary>
/// One accepted client as the rest of the forwarder sees it: identity, addresses, byte counters, state and close
/// reason, whichever engine moves its bytes. Written by the engine, read by <see cref="StatsPublisher"/> (all
/// fields are published with volatile writes), and stopped through <see cref="Abort"/>.
/// </summary>
internal abstract class RelayConnection
{
    private readonly TimeProvider _time;
    private int _state;
    private string? _closeReason;
    private string? _remote;
    private long _endedAt;

    protected RelayConnection(long id, string client, TimeProvider time)
    {
        Id = id;
        Client = client;
        _time = time;
        StartedAt = time.GetTimestamp();
    }

    public long Id { get; }

    /// <summary>The client's address as text.</summary>
    public string Client { get; }

    /// <summary>The target address actually connected to, once connected.</summary>
    public string? Remote => Volatile.Read(ref _remote);

    /// <summary>Bytes relayed client → target.</summary>
    public ByteCounter Up { get; } = new();

    /// <summary>Bytes relayed target → client.</summary>
    public ByteCounter Down { get; } = new();

    public ConnectionState State => (ConnectionState)Volatile.Read(ref _state);

    /// <summary>Why the connection closed; final once <see cref="State"/> is <see cref="ConnectionState.Closed"/>.</summary>
    public string? CloseReason => Volatile.Read(ref _closeReason);

    /// <summary>When the connection was accepted (<see cref="TimeProvider.GetTimestamp"/>).</summary>
    public long StartedAt { get; }

    /// <summary>Seconds since accept, or the whole lifetime once closed.</summary>
    public double DurationSeconds
    {
        get
        {
            var ended = Volatile.Read(ref _endedAt);
            return _time.GetElapsedTime(StartedAt, ended == 0 ? _time.GetTimestamp() : ended).TotalSeconds;
        }
    }

    /// <summary>Bookkeeping owned by the publisher thread alone (what was last reported, idle tracking).</summary>
    public PublishedView Published { get; } = new();

    /// <summary>
    /// Closes both sockets with <paramref name="reason"/> (unless a reason was already set). With
    /// <paramref name="reset"/>, both peers get a TCP reset instead of an orderly end of stream.
    /// </summary>
    public abstract void Abort(string reason, bool reset);

    /// <summary>Sets the close reason unless one is set already (the first cause wins).</summary>
    protected void OfferCloseReason(string? reason) => Interlocked.CompareExchange(ref _closeReason, reason, null);

    /// <summary>The target connected: records its address and moves Connecting → Open.</summary>
    protected void MarkOpen(string remote)
    {
        Volatile.Write(ref _remote, remote);
        Interlocked.CompareExchange(ref _state, (int)ConnectionState.Open, (int)ConnectionState.Connecting);
    }

    /// <summary>One side ended its sending direction: Open → HalfClosed.</summary>
    protected void MarkHalfClosed() =>
        Interlocked.CompareExchange(ref _state, (int)ConnectionState.HalfClosed, (int)ConnectionState.Open);

    /// <summary>Both sockets are closed: stamps the end and makes the state final.</summary>
    protected void MarkClosed()
    {
        Volatile.Write(ref _endedAt, _time.GetTimestamp());
        Volatile.Write(ref _state, (int)ConnectionState.Closed);
    }
}
