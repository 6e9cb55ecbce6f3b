using System.Net;

namespace NetToolbox.Plugins.Waiter;

/// <summary>
/// Resolves a host name to its addresses, throwing <see cref="System.Net.Sockets.SocketException"/> when it cannot:
/// <see cref="Dns.GetHostAddressesAsync(string, CancellationToken)"/> outside tests.
/// </summary>
internal delegate Task<IPAddress[]> ResolveHost(string host, CancellationToken cancellationToken);
