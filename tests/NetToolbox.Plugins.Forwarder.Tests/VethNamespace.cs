using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace NetToolbox.Plugins.Forwarder.Tests;

/// <summary>
/// A network namespace of this test's own, joined to the host by a veth pair on a random /29 of the
/// benchmarking range 198.18.0.0/15. <see cref="SilentAddress"/> is routed into the namespace (a permanent
/// neighbour entry points it at the peer) but owned by nobody there, so SYNs to it vanish: a target that never
/// answers. The host end also carries a link-local address (no duplicate detection) for zone tests.
/// Everything is deleted on dispose.
/// </summary>
public sealed class VethNamespace : IDisposable
{
    public VethNamespace()
    {
        var tag = Convert.ToHexString(Guid.NewGuid().ToByteArray())[..6].ToLowerInvariant();
        Namespace = "ntbfwd-" + tag;
        HostInterface = "nf" + tag + "a";
        var peer = "nf" + tag + "b";
        var block = Random.Shared.Next(0, 1 << 14);
        var second = 18 + (block >> 13);
        var third = (block >> 5) & 0xff;
        var fourth = (block & 0x1f) * 8;
        string Address(int host) => string.Create(CultureInfo.InvariantCulture, $"198.{second}.{third}.{fourth + host}");
        SilentAddress = IPAddress.Parse(Address(3));
        LinkLocal = IPAddress.Parse(string.Create(CultureInfo.InvariantCulture, $"fe80::{block + 1:x}:1"));

        try
        {
            Ip($"netns add {Namespace}");
            Ip($"link add {HostInterface} type veth peer name {peer}");
            Ip($"link set {peer} netns {Namespace}");
            Ip($"addr add {Address(1)}/29 dev {HostInterface}");
            Ip($"-6 addr add {LinkLocal}/64 dev {HostInterface} nodad");
            Ip($"link set {HostInterface} up");
            Ip($"-n {Namespace} addr add {Address(2)}/29 dev {peer}");
            Ip($"-n {Namespace} link set {peer} up");
            var mac = File.ReadAllText($"/sys/class/net/{HostInterface}/address").Trim();
            var peerMac = Ip($"-n {Namespace} -br link show {peer}").Split(' ', StringSplitOptions.RemoveEmptyEntries)[2];
            Assert.NotEqual(mac, peerMac);
            Ip($"neigh replace {SilentAddress} lladdr {peerMac} dev {HostInterface} nud permanent");
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public string Namespace { get; }

    /// <summary>The host end of the veth pair (the zone for <see cref="LinkLocal"/>).</summary>
    public string HostInterface { get; }

    /// <summary>An address routed into the namespace that nothing answers for: connects hang.</summary>
    public IPAddress SilentAddress { get; }

    /// <summary>A link-local address on <see cref="HostInterface"/>, usable at once.</summary>
    public IPAddress LinkLocal { get; }

    public void Dispose()
    {
        TryIp($"link del {HostInterface}");
        TryIp($"netns del {Namespace}");
    }

    private static string Ip(string arguments)
    {
        var (code, output, error) = Run(arguments);
        if (code != 0)
        {
            throw new InvalidOperationException($"ip {arguments} failed ({code}): {error}");
        }

        return output;
    }

    private static void TryIp(string arguments) => Run(arguments);

    private static (int Code, string Output, string Error) Run(string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo("ip", arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(10_000))
        {
            process.Kill();
            throw new TimeoutException($"ip {arguments} did not finish");
        }

        return (process.ExitCode, output.Result, error.Result);
    }
}
