using System.Text.Json;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.JSInterop;
using NetToolbox.Core.Plugins;

namespace NetToolbox.Web.Components.Pages;

/// <summary>
/// A tool's form. Values come from the query string ("run again", one-click actions) or else from the arguments this browser
/// used last time with this tool (localStorage), or else from the schema's defaults.
/// </summary>
public sealed partial class ToolPage : IAsyncDisposable
{
    private ToolRegistration? _tool;
    private Dictionary<string, string?>? _initial;
    private IJSObjectReference? _storage;
    private bool _fromQuery;
    private bool _remembered;

    [Inject] private IToolCatalog Catalog { get; set; } = default!;

    [Inject] private NavigationManager Navigation { get; set; } = default!;

    [Inject] private IJSRuntime JS { get; set; } = default!;

    [Parameter] public string ToolId { get; set; } = "";

    protected override void OnParametersSet()
    {
        _tool = Catalog.Find(ToolId);
        var query = QueryHelpers.ParseQuery(new Uri(Navigation.Uri).Query);
        _initial = query.ToDictionary(q => q.Key, q => (string?)q.Value.ToString(), StringComparer.Ordinal);
        _fromQuery = _initial.Count > 0;
        _remembered = false;
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender || _tool is null || _fromQuery)
        {
            return;
        }

        try
        {
            _storage = await JS.InvokeAsync<IJSObjectReference>("import", "./js/storage.js");
            var json = _storage is null ? null : await _storage.InvokeAsync<string?>("load", _tool.Descriptor.Id);
            if (!string.IsNullOrEmpty(json) && Parse(json) is { Count: > 0 } stored)
            {
                _initial = stored;
                _remembered = true;
                StateHasChanged();
            }
        }
        catch (JSDisconnectedException)
        {
        }
    }

    private static Dictionary<string, string?>? Parse(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<Dictionary<string, string?>>(json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private async Task RememberAsync(IReadOnlyDictionary<string, string?> values)
    {
        if (_tool is null)
        {
            return;
        }

        _storage ??= await JS.InvokeAsync<IJSObjectReference>("import", "./js/storage.js");
        if (_storage is not null)
        {
            await _storage.InvokeVoidAsync("save", _tool.Descriptor.Id, JsonSerializer.Serialize(values));
        }
    }

    private async Task ForgetAsync()
    {
        _initial = new Dictionary<string, string?>();
        _remembered = false;
        if (_storage is not null && _tool is not null)
        {
            await _storage.InvokeVoidAsync("save", _tool.Descriptor.Id, "{}");
        }
    }

    private void OpenRun(string runId) => Navigation.NavigateTo($"runs/{runId}");

    public async ValueTask DisposeAsync()
    {
        if (_storage is not null)
        {
            try
            {
                await _storage.DisposeAsync();
            }
            catch (JSDisconnectedException)
            {
            }
        }
    }
}
