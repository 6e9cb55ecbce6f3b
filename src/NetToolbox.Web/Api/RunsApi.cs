using NetToolbox.Core.Runs;

namespace NetToolbox.Web.Api;

/// <summary><c>/api/runs</c>: history, one run's status and events, cancellation.</summary>
internal static class RunsApi
{
    public static IEndpointRouteBuilder MapRunsApi(this IEndpointRouteBuilder routes)
    {
        var runs = routes.MapGroup("/api/runs").WithTags("Runs");
        runs.MapGet("/", ListRuns).WithName("ListRuns").WithSummary("Runs, newest first, optionally filtered by tool and status.");
        runs.MapGet("/{runId}", GetRun).WithName("GetRun").WithSummary("Status and events; afterSeq returns only newer events.");
        runs.MapDelete("/{runId}", CancelRun).WithName("CancelRun").WithSummary("Cancels a running run.");
        return routes;
    }

    private static IResult ListRuns(RunService runs, string? toolId = null, string? status = null)
    {
        RunStatus? wanted = null;
        if (status is not null)
        {
            if (!Enum.TryParse<RunStatus>(status, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
            {
                return Results.ValidationProblem(
                    new Dictionary<string, string[]> { ["status"] = ["must be one of pending, running, succeeded, failed, cancelled"] });
            }

            wanted = parsed;
        }

        return Results.Ok(runs.List()
            .Where(r => toolId is null || string.Equals(r.ToolId, toolId, StringComparison.OrdinalIgnoreCase))
            .Where(r => wanted is null || r.Status == wanted)
            .Select(r => RunResource.From(r, includeEvents: false))
            .ToList());
    }

    private static IResult GetRun(string runId, RunService runs, long afterSeq = 0) =>
        runs.Find(runId) is { } run
            ? Results.Ok(RunResource.From(run, includeEvents: true, afterSeq))
            : UnknownRun(runId);

    private static IResult CancelRun(string runId, RunService runs)
    {
        var run = runs.Find(runId);
        if (run is null)
        {
            return UnknownRun(runId);
        }

        return runs.Cancel(runId)
            ? Results.Accepted($"/api/runs/{runId}", RunResource.From(run, includeEvents: false))
            : Results.Problem(
                statusCode: StatusCodes.Status409Conflict,
                title: "Run already finished",
                detail: $"Run {runId} ended with status {run.Status.ToString().ToLowerInvariant()}.");
    }

    internal static IResult UnknownRun(string runId) => Results.Problem(
        statusCode: StatusCodes.Status404NotFound,
        title: "Unknown run",
        detail: $"No run has the id '{runId}' (finished runs are kept up to the configured retention).");
}
