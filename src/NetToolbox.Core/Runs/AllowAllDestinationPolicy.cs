using System.Net;
using NetToolbox.Contracts;

namespace NetToolbox.Core.Runs;

/// <summary>
/// The policy while authentication is off: the app is bound to localhost, so whoever can reach it
/// already runs on this machine. An allowlist policy replaces it when LAN access is turned on.
/// </summary>
public sealed class AllowAllDestinationPolicy : IDestinationPolicy
{
    /// <inheritdoc />
    public DestinationDecision CheckConnect(EndPoint destination) => DestinationDecision.Allow;

    /// <inheritdoc />
    public DestinationDecision CheckListen(EndPoint local) => DestinationDecision.Allow;
}
