using System.Net.Sockets;

namespace NetToolbox.Plugins.Pinger;

/// <summary>Creates the sockets a run uses. Tests hand in one that creates them inside a network namespace.</summary>
internal interface ISocketFactory
{
    /// <summary>Opens a socket; throws <see cref="SocketException"/> when the kernel refuses.</summary>
    Socket Create(AddressFamily family, SocketType type, ProtocolType protocol);
}

/// <summary>Plain <c>socket(2)</c> in the process's own network namespace.</summary>
internal sealed class SystemSocketFactory : ISocketFactory
{
    public static SystemSocketFactory Instance { get; } = new();

    public Socket Create(AddressFamily family, SocketType type, ProtocolType protocol) => new(family, type, protocol);
}
