using MudBlazor.Services;
using NetToolbox.Core.Hosting;
using NetToolbox.ServiceDefaults;
using NetToolbox.Web.Api;
using NetToolbox.Web.Components;
using NetToolbox.Web.Hubs;

var builder = WebApplication.CreateBuilder(args);

// Service defaults: OpenTelemetry (exported only when OTEL_EXPORTER_OTLP_ENDPOINT is set), /health and /alive, resilient HTTP.
builder.AddServiceDefaults();

// Engine: plugin catalog, run service, options (validated at start-up).
builder.Services.AddNetToolboxCore(builder.Configuration);

// Web shell: Blazor Server with MudBlazor.
builder.Services.AddRazorComponents().AddInteractiveServerComponents();
builder.Services.AddMudServices();

// API surface: REST, SignalR, OpenAPI, health (plugins count towards readiness).
builder.Services.AddProblemDetails();
builder.Services.AddOpenApi();
builder.Services.AddSignalR().AddJsonProtocol(o => ApiJson.Configure(o.PayloadSerializerOptions));
builder.Services.ConfigureHttpJsonOptions(o => ApiJson.Configure(o.SerializerOptions));
builder.Services.AddHealthChecks().AddCheck<PluginsHealthCheck>("plugins");

var app = builder.Build();

if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/error", createScopeForErrors: true);
}

app.UseStatusCodePages();
app.UseAntiforgery();
app.MapStaticAssets();

app.MapOpenApi();
app.MapDefaultEndpoints();
app.MapToolsApi();
app.MapRunsApi();
app.MapRunExportApi();
app.MapPluginsApi();
app.MapHub<RunsHub>(RunsHub.Path);

app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

app.Run();

/// <summary>Entry point; public so integration tests can host the app.</summary>
public partial class Program;
