namespace NetToolbox.Plugins.Interfaces.Reading;

/// <summary>Names of IFA_F_* address flags, in the order and spelling iproute2 uses.</summary>
internal static class AddressFlags
{
    public const uint Secondary = 0x01;
    public const uint NoDad = 0x02;
    public const uint Optimistic = 0x04;
    public const uint DadFailed = 0x08;
    public const uint HomeAddress = 0x10;
    public const uint Deprecated = 0x20;
    public const uint Tentative = 0x40;
    public const uint Permanent = 0x80;
    public const uint ManageTempAddress = 0x100;
    public const uint NoPrefixRoute = 0x200;
    public const uint MulticastAutoJoin = 0x400;
    public const uint StablePrivacy = 0x800;

    private static readonly (uint Mask, string Name)[] Ordered =
    [
        (NoDad, "nodad"),
        (Optimistic, "optimistic"),
        (DadFailed, "dadfailed"),
        (HomeAddress, "home"),
        (Deprecated, "deprecated"),
        (Tentative, "tentative"),
        (ManageTempAddress, "mngtmpaddr"),
        (NoPrefixRoute, "noprefixroute"),
        (MulticastAutoJoin, "autojoin"),
        (StablePrivacy, "stable-privacy"),
    ];

    /// <summary>
    /// The words <c>ip addr</c> prints: IFA_F_SECONDARY is "secondary" for IPv4 but "temporary" (a privacy
    /// address) for IPv6, and an address without IFA_F_PERMANENT is "dynamic".
    /// </summary>
    public static IReadOnlyList<string> Names(uint flags, bool isIPv4)
    {
        var names = new List<string>();
        if ((flags & Secondary) != 0)
        {
            names.Add(isIPv4 ? "secondary" : "temporary");
        }

        foreach (var (mask, name) in Ordered)
        {
            if ((flags & mask) != 0)
            {
                names.Add(name);
            }
        }

        if ((flags & Permanent) == 0)
        {
            names.Add("dynamic");
        }

        return names;
    }
}
