namespace NetToolbox.Plugins.Pinger.Tests.Infrastructure;

/// <summary>
/// Two namespaces joined by a veth pair, both ends ours: <see cref="Near"/> (where the pinger runs) holds
/// 10.77.0.1/27 and fd77::1/64 on <c>va</c>, <see cref="Far"/> holds 10.77.0.2/27 and fd77::2/64 on <c>vb</c>.
/// Every other address of those subnets belongs to nobody, so probes to them get no answer.
/// </summary>
internal sealed class TwoHostLan : IDisposable
{
    private const string NearMac = "02:77:00:00:00:01";
    private const string FarMac = "02:77:00:00:00:02";

    public TwoHostLan()
    {
        Near = NetNamespace.Create("pgn");
        try
        {
            Far = NetNamespace.Create("pgf");
            Near.IpIn("link", "add", "va", "address", NearMac, "type", "veth", "peer", "name", "vb", "address", FarMac, "netns", Far.Name);
            Near.IpIn("addr", "add", "10.77.0.1/27", "dev", "va");
            Near.IpIn("addr", "add", "fd77::1/64", "dev", "va", "nodad");
            Far.IpIn("addr", "add", "10.77.0.2/27", "dev", "vb");
            Far.IpIn("addr", "add", "fd77::2/64", "dev", "vb", "nodad");
            Near.IpIn("link", "set", "va", "up");
            Far.IpIn("link", "set", "vb", "up");

            // Fixed neighbour entries for the two hosts: a fresh veth can lose the first neighbour solicitation,
            // which would delay the first replies by a second. Unowned addresses still go through (failing) resolution.
            Near.IpIn("neigh", "replace", "10.77.0.2", "lladdr", FarMac, "dev", "va", "nud", "permanent");
            Near.IpIn("neigh", "replace", "fd77::2", "lladdr", FarMac, "dev", "va", "nud", "permanent");
            Far.IpIn("neigh", "replace", "10.77.0.1", "lladdr", NearMac, "dev", "vb", "nud", "permanent");
            Far.IpIn("neigh", "replace", "fd77::1", "lladdr", NearMac, "dev", "vb", "nud", "permanent");
        }
        catch
        {
            Far?.Dispose();
            Near.Dispose();
            throw;
        }
    }

    public NetNamespace Near { get; }

    public NetNamespace Far { get; }

    /// <summary>Creates the pinger's sockets in <see cref="Near"/>.</summary>
    public ISocketFactory Sockets => new NamespaceSocketFactory(Near);

    public void Dispose()
    {
        Far.Dispose();
        Near.Dispose();
    }
}
