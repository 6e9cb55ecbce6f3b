using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using NetToolbox.Plugins.Pinger.Icmp;
using NetToolbox.Plugins.Pinger.Tcp;

namespace NetToolbox.Plugins.Pinger.Runs;

/// <summary>Opens the prober a run needs: ICMP for one address family, or TCP connect.</summary>
internal static class ProberFactory
{
    public static IProber? TryOpen(PingSettings settings, AddressFamily family, ISocketFactory sockets, TimeProvider time, ILogger logger, out string? error)
    {
        if (settings.TcpMode)
        {
            return TcpProber.TryOpen(family, settings.Port, settings.Ttl, settings.Source, settings.Timeout, sockets, time, out error);
        }

        var socket = IcmpSocket.TryOpen(family, settings.Ttl, settings.Source, sockets, out error);
        return socket is null ? null : new IcmpProber(socket, settings.Size, settings.Timeout, time, logger);
    }
}
