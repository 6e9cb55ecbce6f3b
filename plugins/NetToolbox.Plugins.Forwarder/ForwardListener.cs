using System.Net;
using System.Net.Sockets;
using NetToolbox.Contracts;

namespace NetToolbox.Plugins.Forwarder;

/// <summary>
/// The listening socket. Listening on <c>[::]</c> is dual-stack (IPv4 clients arrive as mapped addresses);
/// a Unix socket path left behind by a process that died is removed first, and the path is deleted on stop.
/// </summary>
internal sealed class ForwardListener : IDisposable
{
    // The kernel caps this at net.core.somaxconn; a deep queue absorbs bursts of connects (wrk with Connection: close).
    private const int Backlog = 4096;

    private readonly string? _unixPath;

    private ForwardListener(Socket socket, string? unixPath)
    {
        Socket = socket;
        _unixPath = unixPath;
        LocalEndPoint = socket.LocalEndPoint!;
    }

    public Socket Socket { get; }

    /// <summary>The endpoint actually bound (with the port the kernel picked for port 0).</summary>
    public EndPoint LocalEndPoint { get; }

    /// <summary>Resolves, checks against the policy, and binds <paramref name="listen"/>; or says why not.</summary>
    public static async ValueTask<(ForwardListener? Listener, string? Error)> OpenAsync(
        NetworkEndpoint listen, IDestinationPolicy policy, CancellationToken cancellationToken)
    {
        var (endpoints, error) = await EndpointResolver.ResolveAsync(listen, cancellationToken);
        if (error is not null)
        {
            return (null, $"cannot listen on {listen}: {error}");
        }

        var endpoint = endpoints[0];
        var decision = policy.CheckListen(endpoint);
        if (!decision.Allowed)
        {
            return (null, $"listening on {listen} denied: {decision.Reason}");
        }

        string? unixPath = null;
        if (endpoint is UnixDomainSocketEndPoint)
        {
            unixPath = listen.UnixPath;
            if (RemoveStaleSocketFile(unixPath!) is { } problem)
            {
                return (null, $"cannot listen on {listen}: {problem}");
            }
        }

        var socket = EndpointResolver.CreateStreamSocket(endpoint);
        try
        {
            if (endpoint is IPEndPoint { AddressFamily: AddressFamily.InterNetworkV6 } ip && ip.Address.Equals(IPAddress.IPv6Any))
            {
                socket.DualMode = true;
            }

            socket.Bind(endpoint);
            socket.Listen(Backlog);
            return (new ForwardListener(socket, unixPath), null);
        }
        catch (SocketException ex)
        {
            socket.Dispose();
            return (null, $"cannot listen on {listen}: {CloseReasons.Describe(ex.SocketErrorCode)}");
        }
    }

    /// <summary>Stops listening (pending and future connects are refused) and deletes a Unix socket file.</summary>
    public void Dispose()
    {
        Socket.Dispose();
        if (_unixPath is not null)
        {
            try
            {
                File.Delete(_unixPath);
            }
            catch (IOException)
            {
                // Best effort: the next start removes a stale file anyway.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }

    /// <summary>
    /// Deletes a socket file nobody listens on any more (connect is refused); refuses to touch a live socket
    /// or a non-empty regular file. Returns a problem description, or null when the path is free.
    /// </summary>
    private static string? RemoveStaleSocketFile(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        using (var probe = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified))
        {
            try
            {
                probe.Connect(new UnixDomainSocketEndPoint(path));
                return "another process is listening on this socket";
            }
            catch (SocketException ex) when (ex.SocketErrorCode == SocketError.ConnectionRefused)
            {
                // Nobody listens: a leftover of a process that did not clean up.
            }
            catch (SocketException ex)
            {
                return $"{path} exists and is not a usable socket ({CloseReasons.Describe(ex.SocketErrorCode)})";
            }
        }

        if (new FileInfo(path).Length != 0)
        {
            return $"{path} exists and is a regular file, not a socket";
        }

        try
        {
            File.Delete(path);
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return $"cannot remove stale socket file {path}: {ex.Message}";
        }
    }
}
