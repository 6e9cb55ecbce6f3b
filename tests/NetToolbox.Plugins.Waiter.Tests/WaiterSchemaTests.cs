using NetToolbox.Core.Validation;

namespace NetToolbox.Plugins.Waiter.Tests;

public sealed class WaiterSchemaTests
{
    private static readonly WaiterTool Tool = new();

    [Fact]
    public void Descriptor_Identity_IsWaiterInDiagnostics()
    {
        Assert.Equal("waiter", Tool.Descriptor.Id);
        Assert.Equal("Diagnostics", Tool.Descriptor.Category);
        Assert.Equal("hourglass_top", Tool.Descriptor.Icon);
        Assert.False(Tool.Descriptor.Privileged);
    }

    [Fact]
    public void Bind_OnlyTargets_AppliesDocumentedDefaults()
    {
        var result = ArgumentBinder.Bind(Tool.Descriptor, new Dictionary<string, string?> { ["targets"] = "db:5432" });

        Assert.True(result.IsValid);
        var input = result.Input!;
        Assert.Equal(TimeSpan.FromMilliseconds(250), input.Get<TimeSpan>("interval"));
        Assert.Equal(TimeSpan.FromSeconds(30), input.Get<TimeSpan>("timeout"));
        Assert.Equal(TimeSpan.FromSeconds(1), input.Get<TimeSpan>("attemptTimeout"));
        Assert.Equal("all", input.GetString("mode"));
        Assert.Equal("2xx", input.GetString("expectStatus"));
        Assert.False(input.Get<bool>("invert"));
        Assert.False(input.Get<bool>("backoff"));
    }

    [Fact]
    public void Bind_MissingTargets_ReportsRequired()
    {
        var result = ArgumentBinder.Bind(Tool.Descriptor, new Dictionary<string, string?>());

        Assert.False(result.IsValid);
        Assert.Contains("is required", result.Errors["targets"]);
    }

    [Theory]
    [InlineData("interval", "soon")]
    [InlineData("interval", "0s")]
    [InlineData("timeout", "-5s")]
    [InlineData("attemptTimeout", "11m")]
    [InlineData("mode", "random")]
    [InlineData("invert", "maybe")]
    public void Bind_BadValue_ReportsThatField(string name, string value)
    {
        var result = ArgumentBinder.Bind(Tool.Descriptor, new Dictionary<string, string?> { ["targets"] = "db:5432", [name] = value });

        Assert.False(result.IsValid);
        Assert.True(result.Errors.ContainsKey(name), string.Join(", ", result.Errors.Keys));
    }

    [Fact]
    public void Bind_IsoDurationsAndSequential_ParsesTypedValues()
    {
        var result = ArgumentBinder.Bind(Tool.Descriptor, new Dictionary<string, string?>
        {
            ["targets"] = "[::1]:5432, unix:/run/app.sock, https://example.test/healthz",
            ["timeout"] = "PT2M",
            ["interval"] = "00:00:01",
            ["mode"] = "Sequential",
            ["invert"] = "yes",
        });

        Assert.True(result.IsValid);
        Assert.Equal(TimeSpan.FromMinutes(2), result.Input!.Get<TimeSpan>("timeout"));
        Assert.Equal(TimeSpan.FromSeconds(1), result.Input.Get<TimeSpan>("interval"));
        Assert.Equal("sequential", result.Input.GetString("mode"));
        Assert.True(result.Input.Get<bool>("invert"));
    }
}
