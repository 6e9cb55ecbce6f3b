using System.Net;
using System.Net.Sockets;
using NetToolbox.Contracts;

namespace NetToolbox.Plugins.Waiter;

/// <summary>
/// Opens one fresh connection per call (never a reused socket: a socket whose connect failed is
/// unusable, which is the seed's bug). Expected failures come back as a <see cref="ProbeResult"/>.
/// </summary>
internal static class SocketConnector
{
    /// <summary>
    /// Resolves <paramref name="endpoint"/> (unless it is an IP literal) and tries each address in order,
    /// each after the destination policy allows it. The caller owns the returned socket.
    /// </summary>
    /// <param name="endpoint">A TCP endpoint (host or IP literal and port).</param>
    /// <param name="resolve">Resolves a host name.</param>
    /// <param name="policy">The host's destination policy.</param>
    /// <param name="cancellationToken">Cancels on the attempt timeout or the run's end; an <see cref="OperationCanceledException"/> escapes.</param>
    public static async Task<(Socket? Socket, ProbeResult Result)> ConnectTcpAsync(
        NetworkEndpoint endpoint, ResolveHost resolve, IDestinationPolicy policy, CancellationToken cancellationToken)
    {
        IPAddress[] addresses;
        if (endpoint.Address is { } literal)
        {
            addresses = [literal];
        }
        else
        {
            try
            {
                // WaitAsync: the resolver may not observe cancellation promptly on every platform.
                addresses = await resolve(endpoint.Host!, cancellationToken).WaitAsync(cancellationToken);
            }
            catch (SocketException ex)
            {
                return (null, new ProbeResult(ProbeOutcome.DnsFailure, $"{endpoint.Host}: {ex.Message}"));
            }

            if (addresses.Length == 0)
            {
                return (null, new ProbeResult(ProbeOutcome.DnsFailure, $"{endpoint.Host} has no addresses"));
            }
        }

        ProbeResult? failure = null;
        ProbeResult? denial = null;
        foreach (var address in addresses)
        {
            var remote = new IPEndPoint(address, endpoint.Port);
            var decision = policy.CheckConnect(remote);
            if (!decision.Allowed)
            {
                denial = new ProbeResult(ProbeOutcome.Denied, $"{remote}: {decision.Reason}");
                continue;
            }

            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(remote, cancellationToken);
                return (socket, ProbeResult.Ready($"connected to {remote}"));
            }
            catch (SocketException ex)
            {
                socket.Dispose();
                failure = ProbeClassifier.FromSocketError(ex, unix: false);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        // A denial is final only when every address was denied; otherwise report the real failure.
        return (null, failure ?? denial!.Value);
    }

    /// <summary>Connects to a Unix domain socket path after the destination policy allows it.</summary>
    public static async Task<ProbeResult> ProbeUnixAsync(string path, IDestinationPolicy policy, CancellationToken cancellationToken)
    {
        var remote = new UnixDomainSocketEndPoint(path);
        var decision = policy.CheckConnect(remote);
        if (!decision.Allowed)
        {
            return new ProbeResult(ProbeOutcome.Denied, decision.Reason ?? "denied by policy");
        }

        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(remote, cancellationToken);
            return ProbeResult.Ready($"connected to {path}");
        }
        catch (SocketException ex)
        {
            return ProbeClassifier.FromSocketError(ex, unix: true);
        }
    }
}
