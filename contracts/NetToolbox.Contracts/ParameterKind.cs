using System.Text.Json.Serialization;

namespace NetToolbox.Contracts;

/// <summary>The kind of value a parameter takes; the host parses and validates each kind.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ParameterKind>))]
public enum ParameterKind
{
    /// <summary>Free text (<see cref="string"/>).</summary>
    [JsonStringEnumMemberName("text")] Text,

    /// <summary>A host name or IP literal (<see cref="string"/>); IPv6 literals may be bracketed.</summary>
    [JsonStringEnumMemberName("host")] Host,

    /// <summary>A TCP/UDP port 0–65535 (<see cref="int"/>).</summary>
    [JsonStringEnumMemberName("port")] Port,

    /// <summary>A whole number (<see cref="long"/>), bounded by min/max.</summary>
    [JsonStringEnumMemberName("integer")] Integer,

    /// <summary>A duration (<see cref="TimeSpan"/>): ISO 8601 (<c>PT0.25S</c>), <c>hh:mm:ss</c>, or <c>250ms</c>/<c>5s</c>/<c>2m</c>/<c>1h</c>.</summary>
    [JsonStringEnumMemberName("duration")] Duration,

    /// <summary>True or false (<see cref="bool"/>).</summary>
    [JsonStringEnumMemberName("boolean")] Boolean,

    /// <summary>One of <see cref="ParameterSpec.Choices"/> (<see cref="string"/>).</summary>
    [JsonStringEnumMemberName("choice")] Choice,

    /// <summary>An IPv4 or IPv6 network in CIDR notation (<see cref="System.Net.IPNetwork"/>).</summary>
    [JsonStringEnumMemberName("cidr")] Cidr,

    /// <summary>A network endpoint (<see cref="NetworkEndpoint"/>): <c>host:port</c>, <c>[v6]:port</c> or <c>unix:/path</c>.</summary>
    [JsonStringEnumMemberName("endpoint")] Endpoint,
}
