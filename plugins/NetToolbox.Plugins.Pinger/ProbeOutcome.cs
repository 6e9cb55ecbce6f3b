using System.Net;

namespace NetToolbox.Plugins.Pinger;

/// <summary>How one probe ended.</summary>
internal enum ProbeStatus
{
    /// <summary>ICMP echo reply, or TCP connection completed.</summary>
    Reply,

    /// <summary>TCP only: the host answered with a reset (port closed) — the host is up.</summary>
    Refused,

    /// <summary>No answer within the timeout: lost.</summary>
    Timeout,

    /// <summary>An error answered (unreachable, TTL exceeded) or the probe could not be sent: lost.</summary>
    Error,
}

/// <summary>The outcome of one probe (a plugin-internal value; events carry only its plain fields).</summary>
/// <param name="Status">How it ended.</param>
/// <param name="Target">The address probed.</param>
/// <param name="Sequence">The probe's sequence number (1-based, as ping prints it).</param>
/// <param name="ElapsedMs">Round-trip time for replies; time until the verdict otherwise.</param>
/// <param name="From">Who answered (the target, or a router for errors).</param>
/// <param name="Bytes">ICMP message length received, like ping's "64 bytes".</param>
/// <param name="Ttl">TTL / hop limit of the reply, when known.</param>
/// <param name="Detail">Error wording, e.g. "Destination Host Unreachable".</param>
internal sealed record ProbeOutcome(
    ProbeStatus Status,
    IPAddress Target,
    int Sequence,
    double ElapsedMs,
    IPAddress? From = null,
    int Bytes = 0,
    int? Ttl = null,
    string? Detail = null)
{
    /// <summary>True when the host answered (a reply, or a TCP refusal).</summary>
    public bool HostAnswered => Status is ProbeStatus.Reply or ProbeStatus.Refused;
}

/// <summary>Sends one probe and waits (bounded by the run's timeout) for its outcome.</summary>
internal interface IProber : IDisposable
{
    /// <summary>What is used, for the run's first line, e.g. "raw ICMP socket".</summary>
    string Kind { get; }

    /// <summary>
    /// Probes <paramref name="target"/>. Expected failures are outcomes; cancellation throws
    /// <see cref="OperationCanceledException"/> (the probe is then not counted).
    /// </summary>
    Task<ProbeOutcome> ProbeAsync(IPAddress target, int sequence, CancellationToken cancellationToken);
}
