using System.Collections.Concurrent;
using Microsoft.AspNetCore.Components;
using NetToolbox.Contracts;
using NetToolbox.Core.Runs;
using NetToolbox.Web.Components.Runs;

namespace NetToolbox.Web.Components.Pages;

/// <summary>
/// A run's shareable page: the backlog, then the live stream. Events are queued as they arrive and folded into the model on
/// the renderer's thread at most every <see cref="RenderInterval"/>, so a fast stream costs one render per tick, not per event.
/// </summary>
public sealed partial class RunView : IAsyncDisposable
{
    /// <summary>Render batching interval: fast enough to look live, slow enough that 10,000 events/s cost ten renders.</summary>
    internal static readonly TimeSpan RenderInterval = TimeSpan.FromMilliseconds(100);


    private readonly RunLiveModel _model = new();
    private readonly ConcurrentQueue<ToolEvent> _incoming = new();
    private readonly CancellationTokenSource _stop = new();
    private Run? _run;
    private RunStatus _renderedStatus;
    private Task? _pump;
    private Task? _renderLoop;

    [Inject] private RunService Runs { get; set; } = default!;

    [Parameter] public string RunId { get; set; } = "";

    private string Elapsed => _run is null ? "" :
        $"{((_run.EndedAt ?? DateTimeOffset.UtcNow) - _run.StartedAt).TotalSeconds:0.0} s";

    private string RunAgainHref => _run is null ? "" :
        $"tools/{_run.ToolId}?" + string.Join("&", _run.Arguments.Select(a =>
            $"{Uri.EscapeDataString(a.Key)}={Uri.EscapeDataString(ArgumentText(a.Value))}"));

    private static Dictionary<string, object> DownloadAs(string testId) => new() { ["download"] = "", ["data-testid"] = testId };

    private string ExportHref(string file) => $"api/runs/{Uri.EscapeDataString(RunId)}/{file}";

    protected override void OnInitialized()
    {
        _run = Runs.Find(RunId);
        if (_run is null)
        {
            return;
        }

        _pump = PumpAsync(_run, _stop.Token);
        _renderLoop = RenderLoopAsync(_stop.Token);
    }

    private static string ArgumentText(System.Text.Json.Nodes.JsonNode? value) => value switch
    {
        null => "",
        System.Text.Json.Nodes.JsonValue v when v.TryGetValue<string>(out var text) => text,
        _ => value.ToJsonString(),
    };

    private async Task PumpAsync(Run run, CancellationToken token)
    {
        try
        {
            await foreach (var item in run.StreamAsync(0, token))
            {
                _incoming.Enqueue(item);
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
        }
    }

    private async Task RenderLoopAsync(CancellationToken token)
    {
        using var timer = new PeriodicTimer(RenderInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(token))
            {
                // Also render once when the status changes: a cancelled run may end without another event.
                if (!_incoming.IsEmpty || (_run is not null && (!_run.Status.IsFinished() || _run.Status != _renderedStatus)))
                {
                    await InvokeAsync(DrainAndRender);
                }
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            await DispatchExceptionAsync(ex);
        }
    }

    // Runs on the renderer's thread: the model is only ever touched here and while rendering.
    private void DrainAndRender()
    {
        while (_incoming.TryDequeue(out var item))
        {
            _model.Apply(item);
        }

        _renderedStatus = _run?.Status ?? _renderedStatus;
        StateHasChanged();
    }

    private void Cancel() => Runs.Cancel(RunId);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        foreach (var task in new[] { _pump, _renderLoop })
        {
            if (task is not null)
            {
                await task.ConfigureAwait(false);
            }
        }

        _stop.Dispose();
    }
}
