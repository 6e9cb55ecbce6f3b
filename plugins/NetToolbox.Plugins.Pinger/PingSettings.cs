using System.Net;
using System.Net.Sockets;
using NetToolbox.Contracts;
using D = NetToolbox.Plugins.Pinger.PingerDescriptor;

namespace NetToolbox.Plugins.Pinger;

/// <summary>One run's arguments, typed, after the checks the schema cannot express.</summary>
internal sealed record PingSettings
{
    public string? Host { get; init; }

    public IPNetwork? Range { get; init; }

    public bool TcpMode { get; init; }

    public int Port { get; init; }

    /// <summary>Null for any family.</summary>
    public AddressFamily? Family { get; init; }

    /// <summary>0 means until cancelled.</summary>
    public long Count { get; init; }

    public TimeSpan Interval { get; init; }

    public TimeSpan Timeout { get; init; }

    public int Size { get; init; }

    public int? Ttl { get; init; }

    public string? Source { get; init; }

    public int Concurrency { get; init; }

    public TimeSpan StatsEvery { get; init; }

    /// <summary>Reads <paramref name="input"/>; false with a message when host/range or the family do not fit together.</summary>
    public static bool TryCreate(ToolInput input, out PingSettings settings, out string? error)
    {
        var host = input.GetString(D.Host);
        IPNetwork? range = input.Has(D.Range) ? input.Get<IPNetwork>(D.Range) : null;
        var family = input.GetString(D.IpVersion) switch
        {
            "ipv4" => AddressFamily.InterNetwork,
            "ipv6" => AddressFamily.InterNetworkV6,
            _ => (AddressFamily?)null,
        };
        settings = new PingSettings
        {
            Host = host,
            Range = range,
            TcpMode = input.GetString(D.Mode) == "tcp",
            Port = input.Get(D.Port, 80),
            Family = family,
            Count = input.Get(D.Count, 4L),
            Interval = input.Get(D.Interval, TimeSpan.FromSeconds(1)),
            Timeout = input.Get(D.Timeout, TimeSpan.FromSeconds(1)),
            Size = (int)input.Get(D.Size, 56L),
            Ttl = input.Has(D.Ttl) ? (int)input.Get<long>(D.Ttl) : null,
            Source = input.GetString(D.Source),
            Concurrency = (int)input.Get(D.Concurrency, 256L),
            StatsEvery = input.Get(D.StatsEvery, TimeSpan.FromSeconds(5)),
        };

        error = (host, range) switch
        {
            (null, null) => "give a host to ping or a range to sweep",
            (not null, not null) => "give either a host or a range, not both",
            _ => null,
        };
        error ??= SocketBinding.Validate(settings.Source);
        if (error is null && range is { } network && family is { } wanted && network.BaseAddress.AddressFamily != wanted)
        {
            error = $"range {network} is {SocketBinding.Describe(network.BaseAddress.AddressFamily)} but ipVersion asks for {SocketBinding.Describe(wanted)}";
        }

        if (error is null && host is not null && family is { } only && IPAddress.TryParse(host, out var literal) && literal.AddressFamily != only)
        {
            error = $"{host} is an {SocketBinding.Describe(literal.AddressFamily)} address but ipVersion asks for {SocketBinding.Describe(only)}";
        }

        return error is null;
    }
}
