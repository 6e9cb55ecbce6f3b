using System.Net;
using System.Net.Sockets;

namespace NetToolbox.Plugins.Forwarder;

/// <summary>
/// The Linux data path of a <see cref="ForwardingSession"/>: one <see cref="EpollLoop"/> per processor, all
/// accepting from the same listener (the kernel wakes one waiting loop per new connection), and each new
/// connection relayed by the least busy loop. The session keeps the bookkeeping (limits, ids, the connection
/// table, the end-of-connection callback); the engine only moves connections through their life.
/// </summary>
internal sealed class EpollEngine
{
    private readonly ForwardingSession _session;
    private readonly ForwardListener _listener;
    private readonly CancellationToken _stop;
    private readonly List<EpollLoop> _loops = [];
    private bool _listenerReferenced;

    private EpollEngine(ForwardingSession session, ForwardListener listener, TargetConnector connector, TimeProvider time, CancellationToken stop)
    {
        _session = session;
        _listener = listener;
        Connector = connector;
        Time = time;
        _stop = stop;
    }

    /// <summary>Whether this machine can run the engine.</summary>
    public static bool IsSupported => EpollInterop.IsSupported && SpliceInterop.IsSupported;

    public TargetConnector Connector { get; }

    public TimeProvider Time { get; }


    /// <summary>Starts one loop per processor; null (and the reason) when the kernel refuses epoll or eventfd.</summary>
    public static EpollEngine? TryStart(
        ForwardingSession session, ForwardListener listener, TargetConnector connector, TimeProvider time, CancellationToken stop, out string? problem)
    {
        var engine = new EpollEngine(session, listener, connector, time, stop);
        for (var i = 0; i < Environment.ProcessorCount; i++)
        {
            if (EpollLoop.TryCreate(engine, i, out var errno) is not { } loop)
            {
                engine._loops.ForEach(l => l.Dispose());
                problem = $"epoll unavailable (errno {errno})";
                return null;
            }

            engine._loops.Add(loop);
        }

        // The loops accept with accept4 on the raw descriptor: it must not block, and it must stay open (not be
        // reused for another file) until every loop has stopped accepting, whoever disposes the socket meanwhile.
        listener.Socket.Blocking = false;
        if (listener.Socket.ProtocolType == ProtocolType.Tcp)
        {
            // Accepted sockets inherit Nagle off from the listener: one setsockopt instead of one per connection.
            listener.Socket.NoDelay = true;
        }

        listener.Socket.SafeHandle.DangerousAddRef(ref engine._listenerReferenced);
        var fd = (int)listener.Socket.SafeHandle.DangerousGetHandle();
        foreach (var loop in engine._loops)
        {
            loop.Start(fd);
        }

        problem = null;
        return engine;
    }

    /// <summary>No more accepts: after this the loops never touch the listener again.</summary>
    public async Task StopAcceptingAsync()
    {
        await Task.WhenAll(_loops.Select(l => l.StopAcceptingAsync()));
        ReleaseListener();
    }

    /// <summary>Ends the loops (the session has closed every connection by now; any left are closed as stopped).</summary>
    public async Task StopAsync()
    {
        await Task.WhenAll(_loops.Select(l => l.StopAsync()));
        ReleaseListener();
    }

    public bool TryAdmit() => _session.TryAdmit();

    /// <summary>Gives back the place of an admitted connection that could not be relayed at all.</summary>
    public void ReleaseAdmission() => _session.ReleaseAdmission();

    /// <summary>The loop with the fewest connections; <paramref name="self"/> when it is among them.</summary>
    public EpollLoop LeastBusy(EpollLoop self)
    {
        var best = self;
        foreach (var loop in _loops)
        {
            if (loop.Active < best.Active)
            {
                best = loop;
            }
        }

        return best;
    }

    public long NextId() => _session.NextConnectionId();

    public void Track(RelayConnection connection) => _session.Track(connection);

    public void Ended(RelayConnection connection) => _session.OnConnectionEnded(connection);

    public void AcceptFailed(string reason) => _session.ReportAcceptFailure(reason);

    public void LoopFailed(string message) => _session.ReportEngineFailure(message);

    /// <summary>Resolves a host-name target off the loop and hands the addresses back to <paramref name="loop"/>.</summary>
    public void ResolveInBackground(EpollRelay relay, EpollLoop loop) => _ = ResolveAsync(relay, loop);

    private async Task ResolveAsync(EpollRelay relay, EpollLoop loop)
    {
        var (candidates, failure) = await Connector.ResolveAsync(_stop).ConfigureAwait(false);
        loop.PostConnect(relay, candidates, failure);
    }

    private void ReleaseListener()
    {
        lock (_loops)
        {
            if (_listenerReferenced)
            {
                _listenerReferenced = false;
                _listener.Socket.SafeHandle.DangerousRelease();
            }
        }
    }
}
