using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NetToolbox.Contracts;
using NetToolbox.Core.Plugins;
using NetToolbox.Testing;

namespace NetToolbox.Plugins.Interfaces.Tests;

public sealed class PluginLoadingTests
{
    [Fact]
    public async Task LoadAll_PluginFolder_OffersInterfacesToolThatRunsInIsolation()
    {
        var options = Options.Create(new PluginCatalogOptions { Directory = Path.Combine(AppContext.BaseDirectory, "plugins") });
        using var catalog = new PluginCatalog(options, TimeProvider.System, NullLogger<PluginCatalog>.Instance);

        catalog.LoadAll();

        var plugin = Assert.Single(catalog.Plugins, p => p.Name == "NetToolbox.Plugins.Interfaces");
        Assert.True(plugin.Status == PluginStatus.Loaded, plugin.Error);
        var registration = catalog.Find("interfaces");
        Assert.NotNull(registration);
        Assert.NotSame(typeof(InterfacesTool), registration.Tool.GetType());
        Assert.Equal(("Interfaces", "lan"), (registration.Descriptor.Category, registration.Descriptor.Icon));

        var events = await ToolHarness.RunToEndAsync(registration.Tool, new Dictionary<string, object> { ["name"] = "lo" }, TimeSpan.FromSeconds(20));

        var row = Assert.Single(events.OfType<RowEvent>(), r => r.Table == "interfaces");
        Assert.Equal("lo", row.Key);
        Assert.True(Assert.IsType<ResultEvent>(events[^1]).Success);
    }
}
