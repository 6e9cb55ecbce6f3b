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
        _timeout = timeout;
        _policy = policy;
        _time = time;
    }

    /// <summary>Connects, or returns the reason of the last failure. <paramref name="stop"/> ends the attempt (reason "stopped").</summary>
    public async ValueTask<ConnectOutcome> ConnectAsync(CancellationToken stop)
    {
        IReadOnlyList<EndPoint> candidates;
        if (_literal is not null)
        {
            candidates = [_literal];
        }
        else
        {
            using var dnsDeadline = Deadline(stop);
            try
            {
                var (resolved, error) = await EndpointResolver.ResolveAsync(_target, dnsDeadline.Token);
                if (error is not null)
                {
                    return new ConnectOutcome(null, null, error);
                }

                candidates = resolved;
            }
            catch (OperationCanceledException)
            {
                return new ConnectOutcome(null, null, stop.IsCancellationRequested ? CloseReasons.Stopped : "dns failure: timeout");
            }
        }

        string? failure = null;
        foreach (var endpoint in candidates)
        {
            var decision = _policy.CheckConnect(endpoint);
            if (!decision.Allowed)
            {
                failure = "denied: " + decision.Reason;
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
