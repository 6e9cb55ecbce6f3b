using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NetToolbox.Contracts;
using NetToolbox.Core.Plugins;
using NetToolbox.Core.Runs;
using NetToolbox.Core.Telemetry;

namespace NetToolbox.Core.Hosting;

/// <summary>Registers the plugin catalog and run engine for any host (web app, command line).</summary>
public static class NetToolboxCoreServiceCollectionExtensions
{
    /// <summary>
    /// Adds the catalog, run store, run service and their options (sections <c>Plugins</c> and <c>Runs</c>),
    /// validated at start-up, the engine's metrics (<see cref="NetToolboxMetrics"/>), plus a hosted service that loads plugins on start and stops runs on shutdown.
    /// </summary>
    public static IServiceCollection AddNetToolboxCore(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<PluginCatalogOptions>()
            .Bind(configuration.GetSection(PluginCatalogOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<RunEngineOptions>()
            .Bind(configuration.GetSection(RunEngineOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.TryAddSingleton<NetToolboxMetrics>();
        services.TryAddSingleton<IDestinationPolicy, AllowAllDestinationPolicy>();
        services.TryAddSingleton<PluginCatalog>();
        services.TryAddSingleton<IToolCatalog>(sp => sp.GetRequiredService<PluginCatalog>());
        services.TryAddSingleton<IRunStore, InMemoryRunStore>();
        services.TryAddSingleton<RunService>();
        services.AddHostedService<NetToolboxLifetime>();
        return services;
    }
}
