using NetToolbox.Contracts;

namespace NetToolbox.Plugins.Pinger;

/// <summary>The pinger's identity and parameter schema.</summary>
internal static class PingerDescriptor
{
    public const string Host = "host";
    public const string Range = "range";
    public const string Mode = "mode";
    public const string Port = "port";
    public const string IpVersion = "ipVersion";
    public const string Count = "count";
    public const string Interval = "interval";
    public const string Timeout = "timeout";
    public const string Size = "size";
    public const string Ttl = "ttl";
    public const string Source = "source";
    public const string Concurrency = "concurrency";
    public const string StatsEvery = "statsEvery";

    /// <summary>Largest echo payload: 65535 − 20 (IPv4 header) − 8 (ICMP header) is 65507; keep a margin for IP options.</summary>
    public const int MaxPayload = 65500;

    /// <summary>Largest sweep: a /16 of IPv4 or a /112 of IPv6.</summary>
    public const int MaxSweepAddresses = 65536;

    public static ToolDescriptor Value { get; } = new()
    {
        Id = "pinger",
        Name = "Pinger",
        Description = "ICMP/ICMPv6 echo or TCP connect ping of a host, or a concurrent sweep of a CIDR range, with ping's statistics plus median and p95.",
        Category = "Diagnostics",
        Icon = "network_ping",
        Version = "1.0.0",
        Privileged = true,
        Parameters =
        [
            new() { Name = Host, Label = "Host", Kind = ParameterKind.Host, Help = "Name or IPv4/IPv6 address to ping. Give either a host or a range." },
            new() { Name = Range, Label = "Range (sweep)", Kind = ParameterKind.Cidr, Help = "Sweep every address of a network instead, e.g. 192.0.2.0/24 or 2001:db8::/120 (one probe per address; IPv4 network/broadcast and the IPv6 all-zeros address are skipped). At most 65536 addresses." },
            new() { Name = Mode, Label = "Mode", Kind = ParameterKind.Choice, Default = "icmp", Choices = ["icmp", "tcp"], Help = "icmp: echo request/reply. tcp: time a TCP connect to the port, for hosts that drop ICMP (a refusal counts as an answer: the host is up, the port closed)." },
            new() { Name = Port, Label = "TCP port", Kind = ParameterKind.Port, Default = "80", Min = 1, Help = "Port for mode tcp." },
            new() { Name = IpVersion, Label = "IP version", Kind = ParameterKind.Choice, Default = "any", Choices = ["any", "ipv4", "ipv6"], Help = "Which address of a name to use (like ping -4 / -6); any takes the resolver's first." },
            new() { Name = Count, Label = "Count", Kind = ParameterKind.Integer, Default = "4", Min = 0, Max = 1_000_000, Help = "Probes to send to a host; 0 pings until cancelled. A sweep sends one probe per address." },
            new() { Name = Interval, Label = "Interval", Kind = ParameterKind.Duration, Default = "1s", Min = 0.01, Max = 3600, Help = "Time between probes to a host (at least 10 ms)." },
            new() { Name = Timeout, Label = "Timeout", Kind = ParameterKind.Duration, Default = "1s", Min = 0.01, Max = 60, Help = "How long to wait for each answer before counting the probe as lost." },
            new() { Name = Size, Label = "Payload size", Kind = ParameterKind.Integer, Default = "56", Min = 0, Max = MaxPayload, Help = "ICMP data bytes (56 gives 64-byte ICMP messages, as ping does). Ignored in mode tcp." },
            new() { Name = Ttl, Label = "TTL / hop limit", Kind = ParameterKind.Integer, Min = 1, Max = 255, Help = "IPv4 TTL or IPv6 hop limit of outgoing probes; the system default (usually 64) when empty." },
            new() { Name = Source, Label = "Source", Kind = ParameterKind.Text, Max = 64, Help = "Source address to send from, or interface name to send through (like ping -I)." },
            new() { Name = Concurrency, Label = "Sweep concurrency", Kind = ParameterKind.Integer, Default = "256", Min = 1, Max = 4096, Help = "Probes in flight at once during a sweep; 256 sweeps a /24 in about one timeout." },
            new() { Name = StatsEvery, Label = "Statistics every", Kind = ParameterKind.Duration, Default = "5s", Min = 0.1, Max = 3600, Help = "How often a running ping reports cumulative statistics (like fping -Q N,cumulative)." },
        ],
    };
}
