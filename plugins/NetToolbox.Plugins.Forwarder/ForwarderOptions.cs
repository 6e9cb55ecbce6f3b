using NetToolbox.Contracts;

namespace NetToolbox.Plugins.Forwarder;

/// <summary>The typed settings of one forwarder run.</summary>
/// <param name="Listen">Where clients connect.</param>
/// <param name="Target">Where each connection is relayed to.</param>
/// <param name="MaxConnections">Connections relayed at once; more are accepted and closed at once.</param>
/// <param name="ConnectTimeout">Bound on each attempt to connect to one target address.</param>
/// <param name="IdleTimeout">Close a connection with no traffic either way for this long; zero disables it.</param>
/// <param name="StatsInterval">How often byte counts and samples are reported.</param>
internal sealed record ForwarderOptions(
    NetworkEndpoint Listen,
    NetworkEndpoint Target,
    int MaxConnections,
    TimeSpan ConnectTimeout,
    TimeSpan IdleTimeout,
    TimeSpan StatsInterval)
{
    /// <summary>Reads the validated input (defaults already applied by the host).</summary>
    public static ForwarderOptions From(ToolInput input) => new(
        input.Get(ForwarderParameters.Listen, new NetworkEndpoint { Host = "127.0.0.1", Port = 0 }),
        input.Get<NetworkEndpoint>(ForwarderParameters.Target),
        (int)input.Get(ForwarderParameters.MaxConnections, 1000L),
        input.Get(ForwarderParameters.ConnectTimeout, TimeSpan.FromSeconds(5)),
        input.Get(ForwarderParameters.IdleTimeout, TimeSpan.Zero),
        input.Get(ForwarderParameters.StatsInterval, TimeSpan.FromSeconds(1)));

    /// <summary>Checks the schema cannot express; null when the options are usable.</summary>
    public string? Validate()
    {
        if (!Target.IsUnix && Target.Port == 0)
        {
            return $"target {Target} needs a port other than 0";
        }

        if (Listen.IsUnix && Target.IsUnix && string.Equals(Listen.UnixPath, Target.UnixPath, StringComparison.Ordinal))
        {
            return $"listen and target are the same socket ({Listen}): connections would loop back into the forwarder";
        }

        return null;
    }
}
