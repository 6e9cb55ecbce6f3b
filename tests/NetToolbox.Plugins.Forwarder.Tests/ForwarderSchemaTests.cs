using NetToolbox.Contracts;
using NetToolbox.Core.Validation;

namespace NetToolbox.Plugins.Forwarder.Tests;

public sealed class ForwarderSchemaTests
{
    private readonly ForwarderTool _tool = new();

    [Fact]
    public void Descriptor_Always_IsPrivilegedRelayTool()
    {
        Assert.Equal("forwarder", _tool.Descriptor.Id);
        Assert.Equal("Relay", _tool.Descriptor.Category);
        Assert.True(_tool.Descriptor.Privileged);
        Assert.Equal(
            ["listen", "target", "maxConnections", "connectTimeout", "idleTimeout", "statsInterval"],
            _tool.Descriptor.Parameters.Select(p => p.Name));
    }

    [Fact]
    public void Bind_OnlyTarget_AppliesDefaults()
    {
        var binding = ArgumentBinder.Bind(_tool.Descriptor, new Dictionary<string, string?> { ["target"] = "[::1]:5432" });

        Assert.True(binding.IsValid);
        var input = binding.Input!;
        Assert.Equal(new NetworkEndpoint { Host = "127.0.0.1", Port = 0 }, input.Get<NetworkEndpoint>("listen"));
        Assert.Equal(new NetworkEndpoint { Host = "::1", Port = 5432 }, input.Get<NetworkEndpoint>("target"));
        Assert.Equal(1000L, input.Get<long>("maxConnections"));
        Assert.Equal(TimeSpan.FromSeconds(5), input.Get<TimeSpan>("connectTimeout"));
        Assert.Equal(TimeSpan.Zero, input.Get<TimeSpan>("idleTimeout"));
        Assert.Equal(TimeSpan.FromSeconds(1), input.Get<TimeSpan>("statsInterval"));
    }

    [Theory]
    [InlineData("target", null)]
    [InlineData("target", "::1:80")]
    [InlineData("listen", "localhost")]
    [InlineData("maxConnections", "0")]
    [InlineData("connectTimeout", "soon")]
    [InlineData("idleTimeout", "-1s")]
    [InlineData("statsInterval", "1ms")]
    public void Bind_BadValue_NamesTheField(string field, string? value)
    {
        var arguments = new Dictionary<string, string?> { ["target"] = "127.0.0.1:80", [field] = value };

        var binding = ArgumentBinder.Bind(_tool.Descriptor, arguments);

        Assert.False(binding.IsValid);
        Assert.True(binding.Errors.ContainsKey(field), $"errors: {string.Join("; ", binding.Errors.Keys)}");
    }

    [Theory]
    [InlineData("[fe80::1%eth0]:22")]
    [InlineData("unix:/run/app.sock")]
    [InlineData("db.example:5432")]
    public void Bind_TargetForms_AreAccepted(string target)
    {
        var binding = ArgumentBinder.Bind(_tool.Descriptor, new Dictionary<string, string?> { ["target"] = target, ["listen"] = "[::]:0" });

        Assert.True(binding.IsValid, string.Join("; ", binding.Errors.SelectMany(e => e.Value)));
    }
}
