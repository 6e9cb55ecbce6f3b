using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using NetToolbox.Contracts;

namespace NetToolbox.Web.Components.Runs;

/// <summary>
/// Console lines of a run. The list may hold 100,000 lines: <c>Virtualize</c> keeps only the visible ones in the DOM, and a
/// small JS module (wwwroot/js/logConsole.js) keeps the view at the bottom unless the user scrolled up.
/// </summary>
public sealed partial class LogConsole : IAsyncDisposable
{
    private static readonly Dictionary<string, object> DownloadAttributes = new() { ["download"] = "", ["aria-label"] = "Download the output as text" };

    private ElementReference _element;
    private IJSObjectReference? _module;
    private int _renderedCount = -1;

    [Inject] private IJSRuntime JS { get; set; } = default!;

    /// <summary>The lines to show (owned by the caller; only read during rendering).</summary>
    [Parameter, EditorRequired] public ICollection<LogEvent> Lines { get; set; } = [];

    /// <summary>Where the whole output can be downloaded as text, if anywhere.</summary>
    [Parameter] public string? DownloadHref { get; set; }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender)
        {
            try
            {
                _module = await JS.InvokeAsync<IJSObjectReference>("import", "./js/logConsole.js");
                if (_module is not null)
                {
                    await _module.InvokeVoidAsync("attach", _element);
                }
            }
            catch (JSDisconnectedException)
            {
                return;
            }
        }

        if (_module is not null && Lines.Count != _renderedCount)
        {
            _renderedCount = Lines.Count;
            try
            {
                await _module.InvokeVoidAsync("scrollToEnd", _element);
            }
            catch (JSDisconnectedException)
            {
            }
        }
    }

    private async Task FollowAsync()
    {
        if (_module is not null)
        {
            await _module.InvokeVoidAsync("follow", _element);
        }
    }

    private static string LevelClass(LogEventLevel level) => level.ToString().ToLowerInvariant();

    public async ValueTask DisposeAsync()
    {
        if (_module is null)
        {
            return;
        }

        try
        {
            await _module.InvokeVoidAsync("detach", _element);
            await _module.DisposeAsync();
        }
        catch (JSDisconnectedException)
        {
        }
    }
}
