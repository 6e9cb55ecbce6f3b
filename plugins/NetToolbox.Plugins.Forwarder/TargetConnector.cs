using System.Net;
using System.Net.Sockets;
using NetToolbox.Contracts;

namespace NetToolbox.Plugins.Forwarder;

/// <summary>The result of connecting to the target: a connected socket, or why none could be had.</summary>
internal readonly record struct ConnectOutcome(Socket? Socket, EndPoint? Remote, string? Failure);

/// <summary>
/// Connects a relayed connection to the target. A host name is resolved again for every connection (so a
/// target whose address changes keeps working) and each address is tried in order, every attempt bounded by
/// the connect timeout, until one connects. Each address is checked against the destination policy first.
/// </summary>
internal sealed class TargetConnector
{
    private readonly NetworkEndpoint _target;
    private readonly EndPoint? _literal;
    private readonly TimeSpan _timeout;
    private readonly IDestinationPolicy _policy;
    private readonly TimeProvider _time;

    public TargetConnector(NetworkEndpoint target, TimeSpan timeout, IDestinationPolicy policy, TimeProvider time)
    {
        _target = target;
        _literal = EndpointResolver.TryLiteral(target, out _);
        LiteralCandidates = _literal is null ? [] : [_literal];
        LiteralText = _literal is null ? string.Empty : EndpointResolver.Format(_literal);
        _timeout = timeout;
        _policy = policy;
        _time = time;
    }

    /// <summary>Bound on one connect attempt to one address.</summary>
    public TimeSpan Timeout => _timeout;

    /// <summary>Whether the target is an address or socket path, so connecting needs no name resolution.</summary>
    public bool IsLiteral => _literal is not null;

    /// <summary>The addresses to try in order (resolved again for a host name), or the reason there are none.</summary>
    public async ValueTask<(IReadOnlyList<EndPoint> Candidates, string? Failure)> ResolveAsync(CancellationToken stop)
    {
        if (_literal is not null)
        {
            return (LiteralCandidates, null);
        }

        using var dnsDeadline = Deadline(stop);
        try
        {
            var (resolved, error) = await EndpointResolver.ResolveAsync(_target, dnsDeadline.Token);
            return error is null ? (resolved, null) : ([], error);
        }
        catch (OperationCanceledException)
        {
            return ([], stop.IsCancellationRequested ? CloseReasons.Stopped : "dns failure: timeout");
        }
    }

    /// <summary>The literal target as the only candidate (empty for a host name); the same list every time.</summary>
    public IReadOnlyList<EndPoint> LiteralCandidates { get; }

    /// <summary>The literal target as the connections table shows it, formatted once (empty for a host name).</summary>
    public string LiteralText { get; }

    /// <summary>The destination policy's verdict on one address: null when allowed, else the failure text.</summary>
    public string? Check(EndPoint endpoint)
    {
        var decision = _policy.CheckConnect(endpoint);
        return decision.Allowed ? null : "denied: " + decision.Reason;
    }

    /// <summary>Connects, or returns the reason of the last failure. <paramref name="stop"/> ends the attempt (reason "stopped").</summary>
    public async ValueTask<ConnectOutcome> ConnectAsync(CancellationToken stop)
    {
        var (candidates, resolveFailure) = await ResolveAsync(stop);
        if (resolveFailure is not null)
        {
            return new ConnectOutcome(null, null, resolveFailure);
        }

        string? failure = null;
        foreach (var endpoint in candidates)
        {
            if (Check(endpoint) is { } denied)
            {
                failure = denied;
                continue;
            }

            var socket = EndpointResolver.CreateStreamSocket(endpoint);
            using var deadline = Deadline(stop);
            try
            {
                await socket.ConnectAsync(endpoint, deadline.Token);
                return new ConnectOutcome(socket, endpoint, null);
            }
            catch (OperationCanceledException)
            {
                socket.Dispose();
                if (stop.IsCancellationRequested)
                {
                    return new ConnectOutcome(null, null, CloseReasons.Stopped);
                }

                failure = CloseReasons.Timeout;
            }
            catch (SocketException ex)
            {
                socket.Dispose();
                failure = CloseReasons.Describe(ex.SocketErrorCode);
            }
        }

        return new ConnectOutcome(null, null, failure ?? "no address to connect to");
    }

    /// <summary>A token cancelled after the connect timeout (on the run's clock) or when the run stops.</summary>
    private Attempt Deadline(CancellationToken stop)
    {
        var source = new CancellationTokenSource(_timeout, _time);
        var link = stop.UnsafeRegister(static state => ((CancellationTokenSource)state!).Cancel(), source);
        return new Attempt(source, link);
    }

    private readonly struct Attempt(CancellationTokenSource source, CancellationTokenRegistration link) : IDisposable
    {
        public CancellationToken Token => source.Token;

        public void Dispose()
        {
            link.Dispose();
            source.Dispose();
        }
    }
}
