using System.Security.Cryptography;
using NetToolbox.Plugins.Interfaces.Reading;

namespace NetToolbox.Plugins.Interfaces.Tests.Support;

/// <summary>
/// A network namespace (nt-if-&lt;random&gt;) holding the <see cref="Lab"/> interfaces: a veth pair, a bridge, a down
/// veth pair, a tap and a tun. Automatic IPv6 link-local addresses are off and every IPv6 address is added with
/// nodad, so the address list does not change under the test; the namespace is deleted on dispose.
/// </summary>
public sealed class LabNamespace : IDisposable
{
    private static readonly TimeSpan SettleTimeout = TimeSpan.FromSeconds(10);

    public LabNamespace()
    {
        Name = "nt-if-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        IpCommand.Run("netns", "add", Name);
        try
        {
            Build();
            WaitUntilSettled();
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>The namespace's name under /var/run/netns.</summary>
    public string Name { get; }

    /// <summary>Runs <c>ip -n &lt;ns&gt; args…</c>.</summary>
    public string Ip(params string[] arguments) => IpCommand.Run(["-n", Name, .. arguments]);

    /// <summary>Reads the namespace's interfaces with the plugin's reader on a thread that joined the namespace.</summary>
    internal Task<InterfaceSnapshot> ReadAsync(CancellationToken cancellationToken = default) =>
        NamespaceThread.RunAsync(Name, () => InterfaceReader.Read(cancellationToken));

    /// <summary>/sys/class/net/&lt;if&gt;/speed as the namespace's own sysfs shows it (ip netns exec remounts /sys): null on EINVAL or -1.</summary>
    public IReadOnlyDictionary<string, long?> SysfsSpeeds()
    {
        var output = IpCommand.Exec(
            "ip",
            ["netns", "exec", Name, "sh", "-c", "for d in /sys/class/net/*; do echo \"${d##*/} $(cat $d/speed 2>/dev/null)\"; done"]);
        var speeds = new Dictionary<string, long?>();
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            speeds[parts[0]] = parts.Length > 1 && long.TryParse(parts[1], out var speed) && speed >= 0 ? speed : null;
        }

        return speeds;
    }

    public void Dispose() => IpCommand.Exec("ip", ["netns", "del", Name], allowFailure: true);

    private void Build()
    {
        Ip("link", "set", "lo", "up");
        Ip("link", "add", Lab.Veth, "type", "veth", "peer", "name", Lab.BridgePort);
        Ip("link", "add", Lab.Down, "type", "veth", "peer", "name", Lab.DownPeer);
        Ip("link", "add", Lab.Bridge, "type", "bridge");
        Ip("tuntap", "add", "dev", Lab.Tap, "mode", "tap");
        Ip("tuntap", "add", "dev", Lab.Tun, "mode", "tun");
        foreach (var name in new[] { Lab.Veth, Lab.BridgePort, Lab.Bridge, Lab.Down, Lab.DownPeer, Lab.Tap })
        {
            Ip("link", "set", "dev", name, "addrgenmode", "none");
        }

        Ip("link", "set", "dev", Lab.BridgePort, "master", Lab.Bridge);
        Ip("link", "set", "dev", Lab.Veth, "mtu", "1400");
        foreach (var name in new[] { Lab.Veth, Lab.BridgePort, Lab.Bridge, Lab.Tap })
        {
            Ip("link", "set", "dev", name, "up");
        }

        foreach (var (cidr, extra) in Lab.VethAddresses)
        {
            Ip(["addr", "add", cidr, .. extra, "dev", Lab.Veth]);
        }

        Ip("addr", "add", Lab.BridgeIPv6, "dev", Lab.Bridge, "nodad");
        Ip("addr", "add", Lab.DownAddresses[0], "brd", "+", "dev", Lab.Down);
        Ip("addr", "add", Lab.DownAddresses[1], "dev", Lab.Down, "nodad");
    }

    /// <summary>Carrier changes reach operstate through the kernel's deferred linkwatch work: wait for it.</summary>
    private void WaitUntilSettled()
    {
        // Synchronous because the fixture is built in a constructor; each check runs `ip`, which paces the wait.
        var states = string.Empty;
        var settled = SpinWait.SpinUntil(
            () =>
            {
                var links = IpJson.Links(Name).ToDictionary(l => l.Name);
                states = string.Join(", ", links.Values.Select(l => $"{l.Name}={l.OperState}"));
                return links[Lab.Veth].OperState == "UP" && links[Lab.BridgePort].OperState == "UP" && links[Lab.Bridge].OperState == "UP";
            },
            SettleTimeout);
        if (!settled)
        {
            throw new TimeoutException($"namespace {Name} did not settle within {SettleTimeout}: {states}");
        }
    }
}
