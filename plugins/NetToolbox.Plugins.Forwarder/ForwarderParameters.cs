using NetToolbox.Contracts;

namespace NetToolbox.Plugins.Forwarder;

/// <summary>The forwarder's parameter schema: names, defaults and bounds the host validates before a run starts.</summary>
internal static class ForwarderParameters
{
    public const string Listen = "listen";
    public const string Target = "target";
    public const string MaxConnections = "maxConnections";
    public const string ConnectTimeout = "connectTimeout";
    public const string IdleTimeout = "idleTimeout";
    public const string StatsInterval = "statsInterval";

    public static IReadOnlyList<ParameterSpec> All { get; } =
    [
        new()
        {
            Name = Listen,
            Label = "Listen on",
            Kind = ParameterKind.Endpoint,
            Default = "127.0.0.1:0",
            Help = "Local endpoint: 127.0.0.1:8080, [::1]:8080, [::]:8080 (dual-stack: IPv4 clients too), "
                + "[fe80::1%eth0]:8080 or unix:/run/app.sock. Port 0 picks a free port and reports it.",
        },
        new()
        {
            Name = Target,
            Label = "Forward to",
            Kind = ParameterKind.Endpoint,
            Required = true,
            Help = "Remote endpoint: host:port (resolved again for each connection, every address tried in order), "
                + "[2001:db8::1]:22, [fe80::1%eth0]:22 or unix:/run/app.sock.",
        },
        new()
        {
            Name = MaxConnections,
            Label = "Max connections",
            Kind = ParameterKind.Integer,
            Default = "1000",
            Min = 1,
            Max = 100_000,
            Help = "Connections relayed at once. A client beyond the limit is accepted and closed at once (it reads end-of-stream), and the refusal is logged.",
        },
        new()
        {
            Name = ConnectTimeout,
            Label = "Connect timeout",
            Kind = ParameterKind.Duration,
            Default = "5s",
            Min = 0.01,
            Max = 300,
            Help = "How long each target address may take to accept a connection before the next one is tried.",
        },
        new()
        {
            Name = IdleTimeout,
            Label = "Idle timeout",
            Kind = ParameterKind.Duration,
            Default = "0s",
            Min = 0,
            Max = 7 * 24 * 3600,
            Help = "Close a connection after no bytes flowed in either direction for this long; 0 keeps idle connections open.",
        },
        new()
        {
            Name = StatsInterval,
            Label = "Stats interval",
            Kind = ParameterKind.Duration,
            Default = "1s",
            Min = 0.05,
            Max = 3600,
            Help = "How often open connections' byte counts, the throughput sample (bit/s, both directions summed) "
                + "and the open-connection count are reported.",
        },
    ];
}
