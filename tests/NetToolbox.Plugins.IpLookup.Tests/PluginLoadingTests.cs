using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NetToolbox.Contracts;
using NetToolbox.Core.Plugins;
using NetToolbox.Testing;

namespace NetToolbox.Plugins.IpLookup.Tests;

public sealed class PluginLoadingTests
{
    [Fact]
    public async Task LoadAll_PluginFolder_OffersIpLookupThatRunsInIsolation()
    {
        var options = Options.Create(new PluginCatalogOptions { Directory = Path.Combine(AppContext.BaseDirectory, "plugins") });
        using var catalog = new PluginCatalog(options, TimeProvider.System, NullLogger<PluginCatalog>.Instance);

        catalog.LoadAll();

        var plugin = Assert.Single(catalog.Plugins, p => p.Name == "NetToolbox.Plugins.IpLookup");
        Assert.True(plugin.Status == PluginStatus.Loaded, plugin.Error);
        var registration = catalog.Find("iplookup");
        Assert.NotNull(registration);
        Assert.NotSame(typeof(IpLookupTool), registration.Tool.GetType());
        Assert.Equal(("Interfaces", "travel_explore"), (registration.Descriptor.Category, registration.Descriptor.Icon));

        var input = new Dictionary<string, object> { ["interface"] = "lo", ["family"] = "ipv4", ["source"] = "interface" };
        var events = await ToolHarness.RunToEndAsync(registration.Tool, input, TimeSpan.FromSeconds(20));

        Assert.Equal("127.0.0.1/8", Assert.Single(events.OfType<RowEvent>()).Key);
        Assert.True(Assert.IsType<ResultEvent>(events[^1]).Success);
    }
}
