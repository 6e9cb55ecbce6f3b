namespace NetToolbox.Plugins.Interfaces.Reading;

/// <summary>Every interface of one network namespace at one moment, ordered by index.</summary>
internal sealed record InterfaceSnapshot(IReadOnlyList<NetInterface> Interfaces)
{
    /// <summary>Interface names in index order.</summary>
    public IReadOnlyList<string> Names => [.. Interfaces.Select(i => i.Name)];

    /// <summary>The interface with exactly this name (Linux names are case-sensitive), or null.</summary>
    public NetInterface? Find(string name) => Interfaces.FirstOrDefault(i => string.Equals(i.Name, name, StringComparison.Ordinal));

    /// <summary>The interface holding <paramref name="address"/> (its zone ignored), or null when no local interface has it.</summary>
    public (NetInterface Interface, AddressRecord Address)? Owner(System.Net.IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        address = new System.Net.IPAddress(address.GetAddressBytes());
        foreach (var candidate in Interfaces)
        {
            foreach (var record in candidate.Addresses)
            {
                if (record.Address.Equals(address))
                {
                    return (candidate, record);
                }
            }
        }

        return null;
    }
}
