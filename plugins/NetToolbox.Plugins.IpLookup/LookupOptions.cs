using System.Net.Sockets;
using NetToolbox.Contracts;

namespace NetToolbox.Plugins.IpLookup;

/// <summary>The lookup's arguments.</summary>
/// <param name="Name">Interface name, or host name / IP literal.</param>
/// <param name="Family">"any", "ipv4" or "ipv6".</param>
/// <param name="Source">"auto" (an interface if one has this name, else a host), "interface" or "host".</param>
internal sealed record LookupOptions(string Name, string Family, string Source)
{
    public const string InterfaceParameter = "interface";
    public const string FamilyParameter = "family";
    public const string SourceParameter = "source";

    public static LookupOptions From(ToolInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return new LookupOptions(
            input.Get<string>(InterfaceParameter).Trim(),
            input.GetString(FamilyParameter) ?? "any",
            input.GetString(SourceParameter) ?? "auto");
    }

    /// <summary>"IPv4", "IPv6", or null for any family — for messages.</summary>
    public string? FamilyLabel => Family switch
    {
        "ipv4" => "IPv4",
        "ipv6" => "IPv6",
        _ => null,
    };

    /// <summary>The resolver's family filter.</summary>
    public AddressFamily AddressFamily => Family switch
    {
        "ipv4" => AddressFamily.InterNetwork,
        "ipv6" => AddressFamily.InterNetworkV6,
        _ => AddressFamily.Unspecified,
    };

    public bool Wants(AddressFamily family) => AddressFamily == AddressFamily.Unspecified || AddressFamily == family;
}
