using System.Net;
using NetToolbox.Contracts;

namespace NetToolbox.Contracts.Tests;

public sealed class NetworkEndpointTests
{
    [Theory]
    [InlineData("example.com:80", "example.com", 80)]
    [InlineData("localhost:0", "localhost", 0)]
    [InlineData("127.0.0.1:65535", "127.0.0.1", 65535)]
    [InlineData("[::1]:8080", "::1", 8080)]
    [InlineData("[2001:db8::5]:443", "2001:db8::5", 443)]
    [InlineData("[fe80::1%eth0]:22", "fe80::1%eth0", 22)]
    [InlineData("  host-name.example:1234  ", "host-name.example", 1234)]
    public void TryParse_HostAndPort_Parses(string text, string host, int port)
    {
        Assert.True(NetworkEndpoint.TryParse(text, out var endpoint, out var error));
        Assert.Null(error);
        Assert.Equal(host, endpoint.Host);
        Assert.Equal(port, endpoint.Port);
        Assert.False(endpoint.IsUnix);
        Assert.Null(endpoint.UnixPath);
    }

    [Theory]
    [InlineData("unix:/run/app.sock", "/run/app.sock")]
    [InlineData("UNIX:/tmp/x", "/tmp/x")]
    [InlineData("unix:relative.sock", "relative.sock")]
    public void TryParse_UnixPath_Parses(string text, string path)
    {
        Assert.True(NetworkEndpoint.TryParse(text, out var endpoint, out _));
        Assert.True(endpoint.IsUnix);
        Assert.Equal(path, endpoint.UnixPath);
        Assert.Null(endpoint.Host);
        Assert.Equal(0, endpoint.Port);
    }

    [Theory]
    [InlineData(null, "an endpoint is required")]
    [InlineData("  ", "an endpoint is required")]
    [InlineData("unix:", "unix: needs a socket path")]
    [InlineData("example.com", "has no port; use host:port")]
    [InlineData("::1:80", "IPv6 addresses need brackets: [::1]:80")]
    [InlineData("[::1]", "is not [IPv6]:port")]
    [InlineData("[::1]80", "is not [IPv6]:port")]
    [InlineData("[::1:80", "is not [IPv6]:port")]
    [InlineData("[192.0.2.1]:80", "inside brackets is not an IPv6 address")]
    [InlineData("example.com:65536", "'65536' is not a port (0-65535)")]
    [InlineData("example.com:-1", "'-1' is not a port")]
    [InlineData("example.com:", "'' is not a port")]
    [InlineData("example.com:http", "'http' is not a port")]
    [InlineData("bad host:80", "'bad host' is not a valid host name")]
    [InlineData(":80", "'' is not a valid host name")]
    public void TryParse_Invalid_SaysWhy(string? text, string expected)
    {
        Assert.False(NetworkEndpoint.TryParse(text, out var endpoint, out var error));
        Assert.Null(endpoint);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("example.com:80")]
    [InlineData("192.0.2.1:8080")]
    [InlineData("[::1]:8080")]
    [InlineData("[fe80::1%eth0]:22")]
    [InlineData("unix:/run/app.sock")]
    public void ToString_ParsedEndpoint_RoundTrips(string text)
    {
        Assert.True(NetworkEndpoint.TryParse(text, out var endpoint, out _));
        Assert.Equal(text, endpoint.ToString());
        Assert.True(NetworkEndpoint.TryParse(endpoint.ToString(), out var again, out _));
        Assert.Equal(endpoint, again);
    }

    [Fact]
    public void Address_IpLiteralOrName_IsAddressOrNull()
    {
        Assert.True(NetworkEndpoint.TryParse("[::1]:80", out var v6, out _));
        Assert.Equal(IPAddress.IPv6Loopback, v6.Address);
        Assert.True(NetworkEndpoint.TryParse("127.0.0.1:80", out var v4, out _));
        Assert.Equal(IPAddress.Loopback, v4.Address);
        Assert.True(NetworkEndpoint.TryParse("localhost:80", out var name, out _));
        Assert.Null(name.Address);
        Assert.True(NetworkEndpoint.TryParse("unix:/x", out var unix, out _));
        Assert.Null(unix.Address);
    }

    [Theory]
    [InlineData("example.com", true)]
    [InlineData("a-b.c", true)]
    [InlineData("192.0.2.1", true)]
    [InlineData("::1", true)]
    [InlineData("", false)]
    [InlineData(null, false)]
    [InlineData("bad host", false)]
    [InlineData("a..b", false)]
    public void IsValidHost_Forms_Classified(string? host, bool valid)
    {
        Assert.Equal(valid, NetworkEndpoint.IsValidHost(host));
    }
}
