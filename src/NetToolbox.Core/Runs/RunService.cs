using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NetToolbox.Contracts;
using NetToolbox.Core.Plugins;
using NetToolbox.Core.Telemetry;
using NetToolbox.Core.Validation;

namespace NetToolbox.Core.Runs;

/// <summary>
/// The one entry point for starting, watching and cancelling runs. The web UI, REST API, SignalR hub and
/// command line all go through it, so validation, limits and (later) authorisation live in one place.
/// </summary>
public sealed partial class RunService : IAsyncDisposable
{
    private readonly IToolCatalog _catalog;
    private readonly IRunStore _store;
    private readonly RunEngineOptions _options;
    private readonly TimeProvider _time;
    private readonly IDestinationPolicy _destinations;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger<RunService> _logger;
    private readonly NetToolboxMetrics _metrics;
    private int _active;

    public RunService(
        IToolCatalog catalog,
        IRunStore store,
        IOptions<RunEngineOptions> options,
        TimeProvider time,
        IDestinationPolicy destinations,
        ILoggerFactory loggerFactory,
        NetToolboxMetrics? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        _catalog = catalog;
        _store = store;
        _options = options.Value;
        _time = time;
        _destinations = destinations;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger<RunService>();
        _metrics = metrics ?? NetToolboxMetrics.Default;
    }

    /// <summary>Number of runs not finished yet.</summary>
    public int ActiveRuns => Volatile.Read(ref _active);

    /// <summary>Validates JSON arguments and, when valid, starts the tool in the background.</summary>
    public StartRunResult Start(string toolId, IReadOnlyDictionary<string, JsonElement>? arguments, string? startedBy) =>
        Start(toolId, startedBy, descriptor => ArgumentBinder.Bind(descriptor, arguments));

    /// <summary>Validates text arguments (form or CLI) and, when valid, starts the tool in the background.</summary>
    public StartRunResult Start(string toolId, IReadOnlyDictionary<string, string?>? arguments, string? startedBy) =>
        Start(toolId, startedBy, descriptor => ArgumentBinder.Bind(descriptor, arguments));

    /// <summary>Finds a run by id.</summary>
    public Run? Find(string runId) => _store.Find(runId);

    /// <summary>Every known run, newest first.</summary>
    public IReadOnlyList<Run> List() => _store.List();

    /// <summary>Requests cancellation. False when there is no such run or it has already finished.</summary>
    public bool Cancel(string runId)
    {
        var run = _store.Find(runId);
        if (run is null || !run.RequestCancel())
        {
            return false;
        }

        LogCancelRequested(run.RunId, run.ToolId);
        return true;
    }

    /// <summary>Cancels every active run and waits up to <paramref name="grace"/> for the tools to stop.</summary>
    public async Task StopAllAsync(TimeSpan grace, CancellationToken cancellationToken = default)
    {
        var active = _store.List().Where(r => !r.Status.IsFinished()).ToList();
        foreach (var run in active)
        {
            run.RequestCancel();
        }

        try
        {
            await Task.WhenAll(active.Select(r => r.Completion)).WaitAsync(grace, _time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            LogShutdownTimeout(active.Count(r => !r.Status.IsFinished()), grace);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await StopAllAsync(_options.ShutdownGrace).ConfigureAwait(false);

    private StartRunResult Start(string toolId, string? startedBy, Func<ToolDescriptor, BindingResult> bind)
    {
        var registration = _catalog.Find(toolId);
        if (registration is null)
        {
            return StartRunResult.Refused(StartRunOutcome.UnknownTool);
        }

        var binding = bind(registration.Descriptor);
        if (!binding.IsValid)
        {
            return StartRunResult.Refused(StartRunOutcome.InvalidArguments, binding.Errors);
        }

        if (Interlocked.Increment(ref _active) > _options.MaxActiveRuns)
        {
            Interlocked.Decrement(ref _active);
            return StartRunResult.Refused(StartRunOutcome.TooManyRuns);
        }

        var run = new Run(
            Guid.CreateVersion7().ToString("N"),
            registration.Descriptor.Id,
            binding.Arguments ?? new JsonObject(),
            string.IsNullOrWhiteSpace(startedBy) ? "anonymous" : startedBy,
            _time.GetUtcNow(),
            _options.MaxEventsPerRun);
        _store.Add(run);
        _metrics.RunStarted(run.ToolId);
        LogStarted(run.RunId, run.ToolId, run.StartedBy);

        // The tool runs on the thread pool, so a plugin that blocks before its first await cannot block the caller.
        _ = Task.Run(() => ExecuteAsync(run, registration.Tool, binding.Input!));
        return StartRunResult.Started(run);
    }

    private async Task ExecuteAsync(Run run, ITool tool, ToolInput input)
    {
        var token = run.CancellationToken;
        var metrics = _metrics.ForRun(run.ToolId);
        var context = new ToolContext(run.RunId, _loggerFactory.CreateLogger("NetToolbox.Tools." + run.ToolId), _time, _destinations, metrics);
        using var activity = StartActivity(run);
        RunStatus status;
        run.MarkRunning();
        try
        {
            await foreach (var item in tool.RunAsync(input, context, token).WithCancellation(token).ConfigureAwait(false))
            {
                if (item is null)
                {
                    continue;
                }

                run.Append(item, _time.GetUtcNow());
            }

            status = DecideStatus(run);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            run.Append(new ResultEvent(false, "Cancelled"), _time.GetUtcNow());
            status = RunStatus.Cancelled;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A throwing tool fails its own run; the shell and other runs go on.
            LogToolThrew(ex, run.RunId, run.ToolId);
            run.Append(new LogEvent(LogEventLevel.Error, $"{ex.GetType().Name}: {ex.Message}"), _time.GetUtcNow());
            run.Append(new ResultEvent(false, ex.Message), _time.GetUtcNow());
            status = RunStatus.Failed;
        }

        run.Finish(status, _time.GetUtcNow());
        metrics.Close();
        _metrics.RunFinished(run.ToolId, status, run.EndedAt!.Value - run.StartedAt);
        EndActivity(activity, run, status);
        Interlocked.Decrement(ref _active);
        _store.Finished(run);
        LogFinished(run.RunId, run.ToolId, status);

        // Last, so whoever awaits Completion finds the run recorded by the store and its slot free.
        run.Complete();
    }

    private static Activity? StartActivity(Run run)
    {
        // A child of whatever started the run (the REST request or hub call), so a trace shows who started it.
        var activity = NetToolboxTelemetry.Source.StartActivity("run " + run.ToolId, ActivityKind.Internal);
        activity?.SetTag(NetToolboxTelemetry.ToolIdTag, run.ToolId);
        activity?.SetTag(NetToolboxTelemetry.RunIdTag, run.RunId);
        return activity;
    }

    private static void EndActivity(Activity? activity, Run run, RunStatus status)
    {
        if (activity is null)
        {
            return;
        }

        activity.SetTag(NetToolboxTelemetry.RunStatusTag, NetToolboxMetrics.StatusName(status));
        if (status == RunStatus.Failed)
        {
            activity.SetStatus(ActivityStatusCode.Error, run.Result?.Summary);
        }
    }

    private RunStatus DecideStatus(Run run)
    {
        if (run.CancelRequested)
        {
            if (run.Result is null)
            {
                run.Append(new ResultEvent(false, "Cancelled"), _time.GetUtcNow());
            }

            return RunStatus.Cancelled;
        }

        if (run.Result is null)
        {
            run.Append(new ResultEvent(true, "Finished"), _time.GetUtcNow());
            return RunStatus.Succeeded;
        }

        return run.Result.Success ? RunStatus.Succeeded : RunStatus.Failed;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId} of {ToolId} started by {StartedBy}")]
    private partial void LogStarted(string runId, string toolId, string startedBy);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId} of {ToolId} finished: {Status}")]
    private partial void LogFinished(string runId, string toolId, RunStatus status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId} of {ToolId}: cancellation requested")]
    private partial void LogCancelRequested(string runId, string toolId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {RunId} of {ToolId} threw")]
    private partial void LogToolThrew(Exception exception, string runId, string toolId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shutdown: {Count} runs did not stop within {Grace}")]
    private partial void LogShutdownTimeout(int count, TimeSpan grace);
}
