using System.Net;
using NetToolbox.Plugins.Pinger.Runs;

namespace NetToolbox.Plugins.Pinger.Tests.Runs;

public sealed class SweepRangeTests
{
    [Theory]
    [InlineData("127.0.0.0/29", "127.0.0.1,127.0.0.2,127.0.0.3,127.0.0.4,127.0.0.5,127.0.0.6")]
    [InlineData("10.0.0.4/31", "10.0.0.4,10.0.0.5")]
    [InlineData("10.0.0.9/32", "10.0.0.9")]
    [InlineData("::/126", "::1,::2,::3")]
    [InlineData("::1/128", "::1")]
    [InlineData("2001:db8::/127", "2001:db8::,2001:db8::1")]
    public void Enumerate_Range_SkipsNetworkBroadcastAndAnycast(string range, string expected)
    {
        var network = IPNetwork.Parse(range);

        Assert.Equal(expected.Split(','), SweepRange.Enumerate(network).Select(a => a.ToString()));
        Assert.Equal(expected.Split(',').Length, (int)SweepRange.CountHosts(network));
    }

    [Fact]
    public void CountHosts_LargeRanges_CountsWithoutEnumerating()
    {
        Assert.Equal(65534, (int)SweepRange.CountHosts(IPNetwork.Parse("10.1.0.0/16")));
        Assert.Equal(255, (int)SweepRange.CountHosts(IPNetwork.Parse("2001:db8::/120")));
        Assert.True(SweepRange.CountHosts(IPNetwork.Parse("2001:db8::/64")) > PingerDescriptor.MaxSweepAddresses);
    }

    [Fact]
    public void Enumerate_Ipv4CrossingOctet_CarriesIntoNextOctet()
    {
        var addresses = SweepRange.Enumerate(IPNetwork.Parse("10.0.0.0/23")).ToList();

        Assert.Equal(510, addresses.Count);
        Assert.Contains(IPAddress.Parse("10.0.0.255"), addresses);
        Assert.Contains(IPAddress.Parse("10.0.1.0"), addresses);
        Assert.Equal(IPAddress.Parse("10.0.1.254"), addresses[^1]);
    }
}
