using System.Net.Sockets;

namespace NetToolbox.Plugins.Pinger.Tests.Infrastructure;

/// <summary>Creates the pinger's sockets inside a test namespace; can refuse raw sockets to act like an unprivileged process.</summary>
internal sealed class NamespaceSocketFactory(NetNamespace? space, bool refuseRaw = false) : ISocketFactory
{
    public Socket Create(AddressFamily family, SocketType type, ProtocolType protocol)
    {
        if (refuseRaw && type == SocketType.Raw)
        {
            // What socket(2) answers a process without CAP_NET_RAW.
            throw new SocketException((int)SocketError.AccessDenied);
        }

        return space is null ? new Socket(family, type, protocol) : space.CreateSocket(family, type, protocol);
    }
}
