using System.Globalization;
using System.Net.Http;
using System.Net.Sockets;
using System.Security.Authentication;
using NetToolbox.Contracts;

namespace NetToolbox.Plugins.Waiter;

/// <summary>
/// Sends one GET per attempt and checks the status. Created per run and disposed after it. Connections
/// are made by <see cref="SocketConnector"/> (so the destination policy sees every resolved address and
/// failures are classified like TCP targets) and never reused: each attempt is a fresh connection.
/// </summary>
internal sealed class HttpProber : IDisposable
{
    private static readonly HttpRequestOptionsKey<NetworkEndpoint> EndpointKey = new("waiter.endpoint");
    private static readonly HttpRequestOptionsKey<ProbeResult> ConnectFailureKey = new("waiter.connectFailure");

    private readonly HttpClient _client;
    private readonly ResolveHost _resolve;
    private readonly IDestinationPolicy _policy;
    private readonly StatusMatcher _expect;

    public HttpProber(ResolveHost resolve, IDestinationPolicy policy, StatusMatcher expect, bool insecureTls)
    {
        _resolve = resolve;
        _policy = policy;
        _expect = expect;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            ConnectCallback = ConnectAsync,
        };
        if (insecureTls)
        {
#pragma warning disable CA5359 // The user asked to skip verification (self-signed development services).
            handler.SslOptions.RemoteCertificateValidationCallback = (_, _, _, _) => true;
#pragma warning restore CA5359
        }

        _client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>One attempt. Cancellation (attempt timeout or run end) escapes as <see cref="OperationCanceledException"/>.</summary>
    public async Task<ProbeResult> ProbeAsync(WaitTarget target, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, target.Url);
        request.Headers.ConnectionClose = true;
        request.Options.Set(EndpointKey, target.Endpoint);
        try
        {
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var status = (int)response.StatusCode;
            var text = string.Create(CultureInfo.InvariantCulture, $"HTTP {status} {response.ReasonPhrase}").TrimEnd();
            return _expect.Matches(status)
                ? ProbeResult.Ready(text)
                : new ProbeResult(ProbeOutcome.StatusMismatch, $"{text}, expected {_expect.Text}");
        }
        catch (HttpRequestException ex) when (!cancellationToken.IsCancellationRequested)
        {
            if (request.Options.TryGetValue(ConnectFailureKey, out var connectFailure))
            {
                return connectFailure;
            }

            return ex.InnerException switch
            {
                SocketException socketError => ProbeClassifier.FromSocketError(socketError, unix: false),
                AuthenticationException tls => new ProbeResult(ProbeOutcome.Error, $"TLS: {tls.Message}"),
                _ => new ProbeResult(ProbeOutcome.Error, ex.InnerException?.Message ?? ex.Message),
            };
        }
    }

    public void Dispose() => _client.Dispose();

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var request = context.InitialRequestMessage;
        var endpoint = request.Options.TryGetValue(EndpointKey, out var given)
            ? given
            : new NetworkEndpoint { Host = context.DnsEndPoint.Host, Port = context.DnsEndPoint.Port };
        var (socket, result) = await SocketConnector.ConnectTcpAsync(endpoint, _resolve, _policy, cancellationToken);
        if (socket is null)
        {
            // The handler's contract is to throw; the classified result travels with the request.
            request.Options.Set(ConnectFailureKey, result);
            throw new HttpRequestException(result.ToString());
        }

        return new NetworkStream(socket, ownsSocket: true);
    }
}
