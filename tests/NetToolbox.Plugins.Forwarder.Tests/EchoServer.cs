using System.Net;
using System.Net.Sockets;

namespace NetToolbox.Plugins.Forwarder.Tests;

/// <summary>
/// A loopback (or Unix socket) server that echoes every connection until the client ends its sending direction,
/// then ends its own. Keeps the accepted sockets so a test can reset one.
/// </summary>
internal sealed class EchoServer : IAsyncDisposable
{
    private readonly Socket _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Socket> _accepted = [];
    private readonly Lock _gate = new();
    private readonly Task _loop;

    public EchoServer(Socket listener)
    {
        _listener = listener;
        _loop = AcceptLoopAsync();
    }

    public static EchoServer OnLoopback(IPAddress address) => new(TestSockets.Listen(address));

    public int Port => TestSockets.PortOf(_listener);

    public int AcceptedCount
    {
        get
        {
            lock (_gate)
            {
                return _accepted.Count;
            }
        }
    }

    public Socket Accepted(int index)
    {
        lock (_gate)
        {
            return _accepted[index];
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Dispose();
        lock (_gate)
        {
            foreach (var socket in _accepted)
            {
                socket.Dispose();
            }
        }

        await _loop.WaitAsync(TestSockets.Wait);
        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            lock (_gate)
            {
                _accepted.Add(socket);
            }

            _ = EchoAsync(socket);
        }
    }

    private async Task EchoAsync(Socket socket)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                var read = await socket.ReceiveAsync(buffer, SocketFlags.None, _stop.Token);
                if (read == 0)
                {
                    socket.Shutdown(SocketShutdown.Send);
                    return;
                }

                await socket.SendAsync(buffer.AsMemory(0, read), SocketFlags.None, _stop.Token);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // The test reset or closed this connection.
        }
    }
}
