using System.Net;
using System.Net.Sockets;

namespace NetToolbox.Plugins.Forwarder.Tests;

/// <summary>Small socket helpers for tests; every operation is bounded by a token.</summary>
internal static class TestSockets
{
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    /// <summary>A listening TCP socket on <paramref name="address"/> and a kernel-picked port.</summary>
    public static Socket Listen(IPAddress address, int backlog = 16)
    {
        var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(address, 0));
        socket.Listen(backlog);
        return socket;
    }

    /// <summary>A listening Unix socket at <paramref name="path"/>.</summary>
    public static Socket ListenUnix(string path)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(path));
        socket.Listen(16);
        return socket;
    }

    public static int PortOf(Socket socket) => ((IPEndPoint)socket.LocalEndPoint!).Port;

    /// <summary>A loopback port nobody listens on (bound, then released).</summary>
    public static int ClosedPort()
    {
        using var probe = Listen(IPAddress.Loopback);
        return PortOf(probe);
    }

    /// <summary>A fresh path for a Unix socket under the temp directory (short enough for sun_path).</summary>
    public static string TempSocketPath() => Path.Combine(Path.GetTempPath(), $"ntb-fwd-{Guid.NewGuid():N}"[..24] + ".sock");

    public static async Task<Socket> ConnectAsync(EndPoint endpoint)
    {
        var socket = endpoint is UnixDomainSocketEndPoint
            ? new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified)
            : new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        using var timeout = new CancellationTokenSource(Wait);
        await socket.ConnectAsync(endpoint, timeout.Token);
        return socket;
    }

    public static Task<Socket> ConnectAsync(IPAddress address, int port) => ConnectAsync(new IPEndPoint(address, port));

    public static async Task<Socket> AcceptAsync(Socket listener)
    {
        using var timeout = new CancellationTokenSource(Wait);
        return await listener.AcceptAsync(timeout.Token);
    }

    public static async Task SendAllAsync(Socket socket, ReadOnlyMemory<byte> data)
    {
        using var timeout = new CancellationTokenSource(Wait);
        while (!data.IsEmpty)
        {
            var sent = await socket.SendAsync(data, SocketFlags.None, timeout.Token);
            data = data[sent..];
        }
    }

    /// <summary>Reads until the peer ends its sending direction; throws on timeout or reset.</summary>
    public static async Task<byte[]> ReadToEndAsync(Socket socket)
    {
        using var timeout = new CancellationTokenSource(Wait);
        using var received = new MemoryStream();
        var buffer = new byte[64 * 1024];
        while (true)
        {
            var read = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
            if (read == 0)
            {
                return received.ToArray();
            }

            received.Write(buffer, 0, read);
        }
    }

    /// <summary>Reads exactly <paramref name="count"/> bytes.</summary>
    public static async Task<byte[]> ReadExactlyAsync(Socket socket, int count)
    {
        using var timeout = new CancellationTokenSource(Wait);
        var buffer = new byte[count];
        var filled = 0;
        while (filled < count)
        {
            var read = await socket.ReceiveAsync(buffer.AsMemory(filled), SocketFlags.None, timeout.Token);
            if (read == 0)
            {
                throw new EndOfStreamException($"end of stream after {filled} of {count} bytes");
            }

            filled += read;
        }

        return buffer;
    }

    /// <summary>
    /// Waits until the peer closes: true when the socket reads end of stream or is reset, false when data
    /// arrives instead. Throws on timeout.
    /// </summary>
    public static async Task<bool> WaitForCloseAsync(Socket socket, TimeSpan? timeout = null)
    {
        using var deadline = new CancellationTokenSource(timeout ?? Wait);
        var buffer = new byte[1024];
        try
        {
            return await socket.ReceiveAsync(buffer, SocketFlags.None, deadline.Token) == 0;
        }
        catch (SocketException ex) when (ex.SocketErrorCode is SocketError.ConnectionReset or SocketError.ConnectionAborted)
        {
            return true;
        }
    }

    /// <summary>Closes <paramref name="socket"/> with a TCP reset instead of an orderly end of stream.</summary>
    public static void Reset(Socket socket)
    {
        socket.LingerState = new LingerOption(true, 0);
        socket.Dispose();
    }

    public static byte[] RandomBytes(int count)
    {
        var data = new byte[count];
        Random.Shared.NextBytes(data);
        return data;
    }

    /// <summary>Sends random bytes and checks the same bytes come back (through an echo server).</summary>
    public static async Task EchoRoundTripAsync(Socket socket, int count)
    {
        var data = RandomBytes(count);
        await SendAllAsync(socket, data);
        var echoed = await ReadExactlyAsync(socket, count);
        Assert.True(data.AsSpan().SequenceEqual(echoed), "echoed bytes differ");
    }

    /// <summary>The text the forwarder shows for the local end of <paramref name="socket"/>.</summary>
    public static string LocalText(Socket socket) => socket.LocalEndPoint is IPEndPoint { AddressFamily: AddressFamily.InterNetworkV6 } v6
        ? $"[{v6.Address}]:{v6.Port}"
        : socket.LocalEndPoint!.ToString()!;
}
