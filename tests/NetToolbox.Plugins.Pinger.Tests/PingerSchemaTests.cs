using NetToolbox.Contracts;
using NetToolbox.Core.Validation;

namespace NetToolbox.Plugins.Pinger.Tests;

public sealed class PingerSchemaTests
{
    private static readonly ToolDescriptor Descriptor = new PingerTool().Descriptor;

    [Fact]
    public void Descriptor_Identity_IsPrivilegedDiagnosticsPinger()
    {
        Assert.Equal("pinger", Descriptor.Id);
        Assert.Equal("Diagnostics", Descriptor.Category);
        Assert.Equal("network_ping", Descriptor.Icon);
        Assert.True(Descriptor.Privileged);
        Assert.All(Descriptor.Parameters, p => Assert.Matches("^[a-z][A-Za-z0-9]*$", p.Name));
    }

    [Fact]
    public void Bind_HostOnly_AppliesPingDefaults()
    {
        var result = ArgumentBinder.Bind(Descriptor, new Dictionary<string, string?> { ["host"] = "::1" });

        Assert.True(result.IsValid);
        var input = result.Input!;
        Assert.Equal("::1", input.GetString("host"));
        Assert.Equal(4L, input.Get<long>("count"));
        Assert.Equal(TimeSpan.FromSeconds(1), input.Get<TimeSpan>("interval"));
        Assert.Equal(TimeSpan.FromSeconds(1), input.Get<TimeSpan>("timeout"));
        Assert.Equal(56L, input.Get<long>("size"));
        Assert.Equal("icmp", input.GetString("mode"));
        Assert.Equal(80, input.Get<int>("port"));
        Assert.Equal(256L, input.Get<long>("concurrency"));
        Assert.Equal(TimeSpan.FromSeconds(5), input.Get<TimeSpan>("statsEvery"));
        Assert.False(input.Has("ttl"));
    }

    [Theory]
    [InlineData("interval", "5ms", "at least 10 ms")]
    [InlineData("interval", "0", "at least 10 ms")]
    [InlineData("timeout", "2m", "at most 60 s")]
    [InlineData("ttl", "0", "between 1 and 255")]
    [InlineData("ttl", "256", "between 1 and 255")]
    [InlineData("size", "70000", "between 0 and 65500")]
    [InlineData("count", "-1", "between 0 and")]
    [InlineData("port", "0", "between 1 and 65535")]
    [InlineData("concurrency", "0", "between 1 and")]
    [InlineData("mode", "udp", "not one of: icmp, tcp")]
    [InlineData("ipVersion", "5", "not one of: any, ipv4, ipv6")]
    [InlineData("host", "not a host!", "not a valid host")]
    [InlineData("statsEvery", "10ms", "at least 100 ms")]
    public void Bind_OutOfSchemaValue_IsRejectedWithClearMessage(string name, string value, string message)
    {
        var arguments = new Dictionary<string, string?> { [name] = value };
        if (name != "host")
        {
            arguments["host"] = "127.0.0.1";
        }

        var result = ArgumentBinder.Bind(Descriptor, arguments);

        Assert.False(result.IsValid);
        Assert.Contains(message, Assert.Single(result.Errors[name]), StringComparison.Ordinal);
    }

    [Fact]
    public void Bind_IntervalAtTenMilliseconds_IsAccepted()
    {
        var result = ArgumentBinder.Bind(Descriptor, new Dictionary<string, string?> { ["host"] = "127.0.0.1", ["interval"] = "10ms" });

        Assert.True(result.IsValid);
        Assert.Equal(TimeSpan.FromMilliseconds(10), result.Input!.Get<TimeSpan>("interval"));
    }

    [Fact]
    public void Bind_UnknownParameter_NamesTheExpectedOnes()
    {
        var result = ArgumentBinder.Bind(Descriptor, new Dictionary<string, string?> { ["host"] = "127.0.0.1", ["deadline"] = "5s" });

        Assert.False(result.IsValid);
        Assert.Contains("expected one of: host, range", result.Errors["deadline"][0], StringComparison.Ordinal);
    }
}
