using System.IO.Enumeration;
using NetToolbox.Contracts;
using NetToolbox.Plugins.Interfaces.Reading;

namespace NetToolbox.Plugins.Interfaces;

/// <summary>The lister's arguments: which interfaces and which address families to show.</summary>
/// <param name="NameFilter">Text the name must contain, or a pattern with * and ?; null for every interface.</param>
/// <param name="IncludeDown">False to hide interfaces that are administratively down (like <c>ip link show up</c>).</param>
/// <param name="Family">"any", "ipv4" or "ipv6": which addresses to show.</param>
internal sealed record InterfaceListOptions(string? NameFilter, bool IncludeDown, string Family)
{
    public const string NameParameter = "name";
    public const string IncludeDownParameter = "includeDown";
    public const string FamilyParameter = "family";

    public static InterfaceListOptions From(ToolInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var name = input.GetString(NameParameter);
        return new InterfaceListOptions(
            string.IsNullOrWhiteSpace(name) ? null : name.Trim(),
            input.Get(IncludeDownParameter, true),
            input.GetString(FamilyParameter) ?? "any");
    }

    /// <summary>True when the interface passes the name filter and the up/down choice.</summary>
    public bool Shows(NetInterface item)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (!IncludeDown && !item.Link.AdminUp)
        {
            return false;
        }

        if (NameFilter is null)
        {
            return true;
        }

        return NameFilter.AsSpan().IndexOfAny('*', '?') >= 0
            ? FileSystemName.MatchesSimpleExpression(NameFilter, item.Name, ignoreCase: true)
            : item.Name.Contains(NameFilter, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>True when the address's family is one the user asked for.</summary>
    public bool Shows(AddressRecord address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return Family switch
        {
            "ipv4" => address.IsIPv4,
            "ipv6" => !address.IsIPv4,
            _ => true,
        };
    }
}
