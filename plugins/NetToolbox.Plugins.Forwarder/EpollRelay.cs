using System.Net;

namespace NetToolbox.Plugins.Forwarder;

/// <summary>
/// One direction of an <see cref="EpollRelay"/>: bytes not yet written to the destination (in a pipe, or in a
/// spill buffer when splice is unavailable), and what is known about the source.
/// </summary>
internal struct RelayDirection
{
    /// <summary>The pipe holding <see cref="PipeBytes"/>, when <see cref="HasPipe"/> (only while bytes flow).</summary>
    public SplicePipe Pipe;

    public bool HasPipe;

    /// <summary>Bytes read from the source and still in <see cref="Pipe"/>.</summary>
    public int PipeBytes;

    /// <summary>Bytes read from the source and still in <see cref="Spill"/> (only when no pipe could be had).</summary>
    public byte[]? Spill;

    public int SpillOffset;

    public int SpillCount;

    /// <summary>The last read filled the copy buffer: bulk transfer, so read with splice (no copy through user space).</summary>
    public bool Bulk;

    /// <summary>splice(2) refused these sockets; copy through user space only.</summary>
    public bool NoSplice;

    /// <summary>
    /// The source reported hang-up or an error. A short read no longer proves the source is drained (its end of
    /// stream may already be queued behind the data), so reads continue until end of stream or EAGAIN.
    /// </summary>
    public bool SourceHungUp;

    /// <summary>The source's end of stream has been read; it is passed on once the pending bytes are written.</summary>
    public bool SourceEnded;

    /// <summary>Waiting for the destination to become writable.</summary>
    public bool WaitingWritable;

    /// <summary>End of stream passed on (or the connection closed): nothing more to do.</summary>
    public bool Done;

    public readonly bool HasPending => PipeBytes > 0 || SpillCount > 0;
}

/// <summary>
/// A connection relayed by an <see cref="EpollLoop"/>. The loop's thread alone touches the descriptors and the
/// two directions; other threads only read the published state (base class) or ask for <see cref="Abort"/>,
/// which the loop carries out.
/// </summary>
internal sealed class EpollRelay : RelayConnection
{
    private readonly EpollLoop _loop;
    private string? _abortReason;
    private int _abortReset;
    private int _abortQueued;

    public EpollRelay(long id, int clientFd, string client, TimeProvider time, EpollLoop loop)
        : base(id, client, time)
    {
        ClientFd = clientFd;
        _loop = loop;
    }

    /// <summary>The accepted socket; -1 once closed.</summary>
    public int ClientFd;

    /// <summary>The socket to the target (connecting or connected); -1 before and after.</summary>
    public int TargetFd = -1;

    /// <summary>Client → target.</summary>
    public RelayDirection UpDirection;

    /// <summary>Target → client.</summary>
    public RelayDirection DownDirection;

    /// <summary>Index in the loop's slot table.</summary>
    public int Slot = -1;

    /// <summary>Tag of the target socket's registration; each connect attempt gets a new one, so stale events are ignored.</summary>
    public uint Epoch;

    /// <summary>Tag of the client socket's registration.</summary>
    public uint ClientEpoch;

    /// <summary>The client became readable (or hung up) before the target connected.</summary>
    public bool ClientReadable;

    /// <summary>The addresses to try, in order, and the next one.</summary>
    public IReadOnlyList<EndPoint>? Candidates;

    public int NextCandidate;

    /// <summary>The address being connected to or connected.</summary>
    public EndPoint? TargetEndPoint;

    /// <summary>When the current connect attempt times out (<see cref="Environment.TickCount64"/>).</summary>
    public long ConnectDeadline;

    /// <summary>Why the last connect attempt failed.</summary>
    public string? LastFailure;

    /// <summary>Relaying both ways (the target connected and the client is registered).</summary>
    public bool Relaying;

    /// <summary>Which side's end of stream came first (the close reason of an orderly close).</summary>
    public string? FirstEndOfStream;

    /// <summary>Both sockets are closed; events still in the loop's batch are ignored.</summary>
    public bool Closed;

    /// <summary>Queued in the loop's ready list for another turn (a busy direction yielded for fairness).</summary>
    public bool Queued;

    /// <summary>The reason and kind of a requested abort, read by the loop.</summary>
    public string? AbortReason => Volatile.Read(ref _abortReason);

    public bool AbortReset => Volatile.Read(ref _abortReset) != 0;

    /// <inheritdoc />
    public override void Abort(string reason, bool reset)
    {
        Interlocked.CompareExchange(ref _abortReason, reason, null);
        if (reset)
        {
            Volatile.Write(ref _abortReset, 1);
        }

        if (Interlocked.Exchange(ref _abortQueued, 1) == 0)
        {
            _loop.PostAbort(this);
        }
    }

    public void Open(string remote) => MarkOpen(remote);

    public void HalfClose(string reason)
    {
        FirstEndOfStream ??= reason;
        MarkHalfClosed();
    }

    /// <summary>Records the final reason and state; the loop has closed both sockets.</summary>
    public void Finish(string? reason)
    {
        OfferCloseReason(reason);
        OfferCloseReason(CloseReasons.Stopped);
        MarkClosed();
    }
}
