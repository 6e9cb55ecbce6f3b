using Microsoft.Extensions.Diagnostics.HealthChecks;
using NetToolbox.Core.Plugins;

namespace NetToolbox.Web.Api;

/// <summary><c>/api/plugins</c>: every discovered plugin, loaded or failed with its reason.</summary>
internal static class PluginsApi
{
    public static IEndpointRouteBuilder MapPluginsApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/plugins", (PluginCatalog catalog) => catalog.Plugins)
            .WithTags("Plugins").WithName("ListPlugins");
        return routes;
    }
}

/// <summary>Healthy when every plugin loaded; degraded (still serving) when some failed.</summary>
internal sealed class PluginsHealthCheck(PluginCatalog catalog) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var failed = catalog.Plugins.Where(p => p.Status == PluginStatus.Failed).Select(p => p.Name).ToList();
        var result = failed.Count == 0
            ? HealthCheckResult.Healthy($"{catalog.Plugins.Count} plugins, {catalog.Tools.Count} tools")
            : HealthCheckResult.Degraded($"plugins failed to load: {string.Join(", ", failed)}");
        return Task.FromResult(result);
    }
}

/// <summary>Who is making a request; "anonymous" until authentication is turned on.</summary>
internal static class RequestUser
{
    public static string Name(HttpContext http) => http.User.Identity?.Name is { Length: > 0 } name ? name : "anonymous";
}
