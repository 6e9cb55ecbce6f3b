namespace NetToolbox.Plugins.Waiter.Tests;

public sealed class TargetListParserTests
{
    [Theory]
    [InlineData("127.0.0.1:5432", "tcp", "127.0.0.1", 5432)]
    [InlineData("[::1]:5432", "tcp", "::1", 5432)]
    [InlineData("[fe80::1%eth0]:22", "tcp", "fe80::1%eth0", 22)]
    [InlineData("db.internal:6379", "tcp", "db.internal", 6379)]
    [InlineData("tcp://db:5432", "tcp", "db", 5432)]
    [InlineData("http://[::1]:8080/healthz", "http", "::1", 8080)]
    [InlineData("https://api.example.test/ready", "http", "api.example.test", 443)]
    [InlineData("http://localhost/", "http", "localhost", 80)]
    public void TryParse_ValidItem_ParsesHostAndPort(string text, string kind, string host, int port)
    {
        Assert.True(TargetListParser.TryParse(text, out var targets, out var error), error);

        var target = Assert.Single(targets);
        Assert.Equal(text, target.Text);
        Assert.Equal(kind, target.Kind.ToString().ToLowerInvariant());
        Assert.Equal(host, target.Endpoint.Host);
        Assert.Equal(port, target.Endpoint.Port);
    }

    [Fact]
    public void TryParse_MixedSeparators_KeepsOrder()
    {
        Assert.True(TargetListParser.TryParse(" a:1,b:2\n unix:/tmp/x.sock ;  [::1]:3 ", out var targets, out var error), error);

        Assert.Equal(["a:1", "b:2", "unix:/tmp/x.sock", "[::1]:3"], targets.Select(t => t.Text));
        Assert.Equal("/tmp/x.sock", targets[2].Endpoint.UnixPath);
    }

    [Theory]
    [InlineData("", "no targets")]
    [InlineData("host", "'host'")]
    [InlineData("a:1 b:99999", "'b:99999'")]
    [InlineData("[::1:80", "'[::1:80'")]
    [InlineData("bad_host!:80", "'bad_host!:80'")]
    public void TryParse_InvalidItem_NamesIt(string text, string expected)
    {
        Assert.False(TargetListParser.TryParse(text, out _, out var error));

        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_TooMany_Refuses()
    {
        var text = string.Join(',', Enumerable.Range(1, TargetListParser.MaxTargets + 1).Select(i => $"h:{i}"));

        Assert.False(TargetListParser.TryParse(text, out _, out var error));
        Assert.Contains("at most", error, StringComparison.Ordinal);
    }
}
