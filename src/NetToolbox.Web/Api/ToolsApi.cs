using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using NetToolbox.Contracts;
using NetToolbox.Core.Plugins;
using NetToolbox.Core.Runs;

namespace NetToolbox.Web.Api;

/// <summary><c>/api/tools</c>: what can run, and starting a run.</summary>
internal static class ToolsApi
{
    public static IEndpointRouteBuilder MapToolsApi(this IEndpointRouteBuilder routes)
    {
        var tools = routes.MapGroup("/api/tools").WithTags("Tools");
        tools.MapGet("/", (IToolCatalog catalog) => catalog.Tools.Select(t => t.Descriptor).ToList())
            .WithName("ListTools").WithSummary("Every available tool with its parameter schema.");
        tools.MapGet("/{toolId}", GetTool).WithName("GetTool");
        tools.MapPost("/{toolId}/runs", StartRun)
            .WithName("StartRun")
            .WithSummary("Validates the arguments (a JSON object keyed by parameter name) and starts a run.");
        return routes;
    }

    private static IResult GetTool(string toolId, IToolCatalog catalog) =>
        catalog.Find(toolId) is { } tool ? Results.Ok(tool.Descriptor) : UnknownTool(toolId);

    private static IResult StartRun(
        string toolId,
        [FromBody] Dictionary<string, JsonElement>? arguments,
        HttpContext http,
        RunService runs)
    {
        var result = runs.Start(toolId, arguments, RequestUser.Name(http));
        return result.Outcome switch
        {
            StartRunOutcome.Started => Results.Accepted($"/api/runs/{result.Run!.RunId}", new RunStarted(result.Run.RunId)),
            StartRunOutcome.UnknownTool => UnknownTool(toolId),
            StartRunOutcome.InvalidArguments => Results.ValidationProblem(
                result.Errors.ToDictionary(e => e.Key, e => e.Value),
                title: $"Invalid arguments for {toolId}",
                detail: string.Join("; ", result.Errors.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}"))),
            StartRunOutcome.TooManyRuns => Results.Problem(
                statusCode: StatusCodes.Status429TooManyRequests,
                title: "Too many active runs",
                detail: "Cancel a run or wait for one to finish."),
            _ => Results.Problem(statusCode: StatusCodes.Status500InternalServerError),
        };
    }

    internal static IResult UnknownTool(string toolId) => Results.Problem(
        statusCode: StatusCodes.Status404NotFound,
        title: "Unknown tool",
        detail: $"No tool has the id '{toolId}'. GET /api/tools lists the tools.");
}
