using NetToolbox.Contracts;

namespace NetToolbox.Plugins.Waiter;

/// <summary>
/// Runs one attempt against a target within its own timeout, linked to the run's token: the timeout
/// becomes a <see cref="ProbeOutcome.TimedOut"/> value, the run's cancellation an exception.
/// </summary>
internal sealed class TargetProber : IDisposable
{
    private readonly ResolveHost _resolve;
    private readonly IDestinationPolicy _policy;
    private readonly TimeProvider _time;
    private readonly HttpProber? _http;

    public TargetProber(WaitOptions options, ResolveHost resolve, IDestinationPolicy policy, TimeProvider time)
    {
        _resolve = resolve;
        _policy = policy;
        _time = time;
        if (options.Targets.Any(t => t.Kind == TargetKind.Http))
        {
            _http = new HttpProber(resolve, policy, options.ExpectStatus, options.InsecureTls);
        }
    }

    /// <summary>One attempt, bounded by <paramref name="timeout"/>.</summary>
    public async Task<ProbeResult> ProbeAsync(WaitTarget target, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var timeoutSource = new CancellationTokenSource(timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutSource.Token);
        try
        {
            return target.Kind switch
            {
                TargetKind.Http => await _http!.ProbeAsync(target, linked.Token),
                TargetKind.Unix => await SocketConnector.ProbeUnixAsync(target.Endpoint.UnixPath!, _policy, linked.Token),
                _ => await ProbeTcpAsync(target.Endpoint, linked.Token),
            };
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return ProbeClassifier.TimedOut(timeout);
        }
    }

    public void Dispose() => _http?.Dispose();

    private async Task<ProbeResult> ProbeTcpAsync(NetworkEndpoint endpoint, CancellationToken cancellationToken)
    {
        var (socket, result) = await SocketConnector.ConnectTcpAsync(endpoint, _resolve, _policy, cancellationToken);
        socket?.Dispose();
        return result;
    }
}
