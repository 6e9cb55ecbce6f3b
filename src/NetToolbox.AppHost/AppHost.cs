using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;

var builder = DistributedApplication.CreateBuilder(args);

// The web shell, probed through its readiness endpoint. Its appsettings.json names `Urls` (for the plain run), which
// would win over the ASPNETCORE_URLS the app host sets, so the app host passes the port it chose as `Urls` too.
var web = builder.AddProject<Projects.NetToolbox_Web>("web");
var http = web.GetEndpoint("http");
web.WithEnvironment("Urls", ReferenceExpression.Create($"http://localhost:{http.Property(EndpointProperty.TargetPort)}"))
    .WithHttpHealthCheck("/health");

builder.Build().Run();
