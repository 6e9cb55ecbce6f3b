using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace NetToolbox.Plugins.Waiter.Tests;

/// <summary>
/// A minimal HTTP/1.1 responder on a loopback TcpListener: answers every request with <see cref="Status"/>
/// (3xx with <c>Location: /next</c>) and closes the connection. With <see cref="Silent"/> it accepts and reads
/// but never answers. Request paths are recorded.
/// </summary>
internal sealed class TinyHttpServer : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _requests;
    private volatile int _status;

    public TinyHttpServer(IPAddress address, int status, bool silent = false)
    {
        _status = status;
        Silent = silent;
        _listener = Loopback.Listen(address);
        _loop = AcceptLoopAsync();
    }

    public int Port => _listener.Port();

    public int Status
    {
        get => _status;
        set => _status = value;
    }

    public bool Silent { get; }

    public int Requests => Volatile.Read(ref _requests);

    public ConcurrentQueue<string> Paths { get; } = new();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            var stream = client.GetStream();
            var buffer = new byte[4096];
            var received = new StringBuilder();
            try
            {
                while (!received.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
                {
                    var read = await stream.ReadAsync(buffer, _stop.Token);
                    if (read == 0)
                    {
                        return;
                    }

                    received.Append(Encoding.ASCII.GetString(buffer, 0, read));
                }

                Interlocked.Increment(ref _requests);
                Paths.Enqueue(received.ToString().Split(' ', 3)[1]);
                if (Silent)
                {
                    await Task.Delay(Timeout.Infinite, _stop.Token);
                }

                var status = Status;
                var location = status is >= 300 and < 400 ? "Location: /next\r\n" : string.Empty;
                var response = $"HTTP/1.1 {status} Test\r\n{location}Content-Length: 0\r\nConnection: close\r\n\r\n";
                await stream.WriteAsync(Encoding.ASCII.GetBytes(response), _stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or IOException)
            {
            }
        }
    }
}
