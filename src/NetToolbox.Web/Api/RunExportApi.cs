using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using NetToolbox.Contracts;
using NetToolbox.Core.Runs;
using NetToolbox.Web.Components.Runs;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace NetToolbox.Web.Api;

/// <summary>
/// <c>/api/runs/{runId}/…</c> downloads: the events as JSON, samples and table rows as CSV, the console as text.
/// They are built from the run's backlog (what a late viewer would also see).
/// </summary>
internal static class RunExportApi
{
    public static IEndpointRouteBuilder MapRunExportApi(this IEndpointRouteBuilder routes)
    {
        var runs = routes.MapGroup("/api/runs").WithTags("Runs");
        runs.MapGet("/{runId}/events.json", EventsJson).WithName("DownloadRunEvents")
            .WithSummary("The run with every event in its backlog, as a JSON file.");
        runs.MapGet("/{runId}/samples.csv", SamplesCsv).WithName("DownloadRunSamples")
            .WithSummary("Samples as CSV: at, series, value, unit.");
        runs.MapGet("/{runId}/rows.csv", RowsCsv).WithName("DownloadRunRows")
            .WithSummary("One table's rows as CSV (keyed rows in their latest state); table= names it, empty for the unnamed table.");
        runs.MapGet("/{runId}/log.txt", LogText).WithName("DownloadRunLog")
            .WithSummary("Console lines as text: time, level, message.");
        return routes;
    }

    private static IResult EventsJson(string runId, RunService runs, IOptions<HttpJsonOptions> json)
    {
        if (runs.Find(runId) is not { } run)
        {
            return RunsApi.UnknownRun(runId);
        }

        var bytes = JsonSerializer.SerializeToUtf8Bytes(RunResource.From(run, includeEvents: true), json.Value.SerializerOptions);
        return Results.File(bytes, "application/json", FileName(run, "json"));
    }

    private static IResult SamplesCsv(string runId, RunService runs)
    {
        if (runs.Find(runId) is not { } run)
        {
            return RunsApi.UnknownRun(runId);
        }

        var csv = new StringBuilder("at,series,value,unit\n");
        foreach (var sample in run.GetEvents().OfType<SampleEvent>())
        {
            Csv.Line(csv, [Time(sample.At), sample.Series, sample.Value.ToString("R", CultureInfo.InvariantCulture), sample.Unit]);
        }

        return Results.File(Encoding.UTF8.GetBytes(csv.ToString()), "text/csv", FileName(run, "samples.csv"));
    }

    private static IResult RowsCsv(string runId, RunService runs, string? table = null)
    {
        if (runs.Find(runId) is not { } run)
        {
            return RunsApi.UnknownRun(runId);
        }

        var name = table ?? "";
        var model = new TableModel();
        foreach (var row in run.GetEvents().OfType<RowEvent>().Where(r => (r.Table ?? "") == name))
        {
            model.Apply(row);
        }

        var csv = new StringBuilder();
        Csv.Line(csv, model.Columns);
        foreach (var row in model.Rows)
        {
            Csv.Line(csv, row.Select(RunTable.CellText).ToList());
        }

        var suffix = name.Length > 0 ? $"{name}.csv" : "rows.csv";
        return Results.File(Encoding.UTF8.GetBytes(csv.ToString()), "text/csv", FileName(run, suffix));
    }

    private static IResult LogText(string runId, RunService runs)
    {
        if (runs.Find(runId) is not { } run)
        {
            return RunsApi.UnknownRun(runId);
        }

        var text = new StringBuilder();
        foreach (var line in run.GetEvents().OfType<LogEvent>())
        {
            text.Append(Time(line.At)).Append(' ').Append(line.Level.ToString().ToUpperInvariant()).Append(' ').Append(line.Text).Append('\n');
        }

        return Results.File(Encoding.UTF8.GetBytes(text.ToString()), "text/plain", FileName(run, "log.txt"));
    }

    private static string Time(DateTimeOffset at) => at.ToString("O", CultureInfo.InvariantCulture);

    private static string FileName(Run run, string suffix) => $"{run.ToolId}-{run.RunId}.{suffix}";
}
