using System.Net;
using System.Net.Sockets;

namespace NetToolbox.Plugins.Waiter.Tests;

/// <summary>Loopback ports and listeners for tests.</summary>
internal static class Loopback
{
    /// <summary>A port on <paramref name="address"/> that nothing listens on (bound once by the OS, then released).</summary>
    public static int ClosedPort(IPAddress address)
    {
        using var probe = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        probe.Bind(new IPEndPoint(address, 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }

    /// <summary>A started listener on <paramref name="address"/> and <paramref name="port"/> (0 = any).</summary>
    public static TcpListener Listen(IPAddress address, int port = 0)
    {
        var listener = new TcpListener(address, port);
        listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Start();
        return listener;
    }

    public static int Port(this TcpListener listener) => ((IPEndPoint)listener.LocalEndpoint).Port;
}
