using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using NetToolbox.Cli.Output;
using NetToolbox.Contracts;

namespace NetToolbox.Cli.Backends;

/// <summary>
/// Runs tools on a NetToolbox portal: the tool list from <c>GET /api/tools</c>, runs through the SignalR hub
/// <c>/hubs/runs</c> (<c>StartRun</c>, <c>StreamRun</c>, <c>CancelRun</c>, <c>GetRun</c>). A token, when given, is sent as a bearer token.
/// </summary>
internal sealed class RemoteBackend : IRunBackend
{
    private readonly HubConnection _hub;
    private readonly HttpClient _http;

    private RemoteBackend(HubConnection hub, HttpClient http, IReadOnlyList<ToolDescriptor> tools)
    {
        Server = http.BaseAddress!;
        _hub = hub;
        _http = http;
        Tools = tools;
    }

    public IReadOnlyList<ToolDescriptor> Tools { get; }

    public IReadOnlyList<string> PluginErrors => [];

    /// <summary>The portal's base address.</summary>
    public Uri Server { get; }

    /// <summary>Connects to the portal at <paramref name="server"/>; <paramref name="loadTools"/> false skips the tool list (watching a run).</summary>
    public static async Task<RemoteBackend> ConnectAsync(Uri server, string? token, bool loadTools, CancellationToken cancellationToken)
    {
        var baseUri = server.AbsoluteUri.EndsWith('/') ? server : new Uri(server.AbsoluteUri + "/");
        var http = new HttpClient { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(30) };
        if (!string.IsNullOrEmpty(token))
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(baseUri, "hubs/runs"), options =>
            {
                if (!string.IsNullOrEmpty(token))
                {
                    options.AccessTokenProvider = () => Task.FromResult<string?>(token);
                }
            })
            .AddJsonProtocol(options => EventJson.Configure(options.PayloadSerializerOptions))
            .Build();
        try
        {
            var tools = loadTools
                ? await http.GetFromJsonAsync<List<ToolDescriptor>>("api/tools", EventJson.Options, cancellationToken) ?? []
                : [];
            await hub.StartAsync(cancellationToken);
            return new RemoteBackend(hub, http, tools);
        }
        catch
        {
            await hub.DisposeAsync();
            http.Dispose();
            throw;
        }
    }

    public async Task<StartOutcome> StartAsync(string toolId, IReadOnlyDictionary<string, string?> arguments, CancellationToken cancellationToken)
    {
        var json = arguments
            .Where(a => a.Value is not null)
            .ToDictionary(a => a.Key, a => JsonSerializer.SerializeToElement(a.Value), StringComparer.Ordinal);
        var response = await _hub.InvokeAsync<StartRunResponse>("StartRun", toolId, json, cancellationToken);
        return new StartOutcome(response.RunId, response.Error, response.Errors);
    }

    public async IAsyncEnumerable<ToolEvent> StreamAsync(string runId, long afterSeq, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var item in _hub.StreamAsync<ToolEvent>("StreamRun", runId, afterSeq, cancellationToken))
        {
            yield return item;
        }
    }

    public Task CancelAsync(string runId, CancellationToken cancellationToken) =>
        _hub.InvokeAsync<bool>("CancelRun", runId, cancellationToken);

    public async Task<string?> GetStatusAsync(string runId, CancellationToken cancellationToken)
    {
        var run = await _hub.InvokeAsync<RemoteRun?>("GetRun", runId, cancellationToken);
        return run?.Status;
    }

    public async ValueTask DisposeAsync()
    {
        await _hub.DisposeAsync();
        _http.Dispose();
    }

    /// <summary>The hub's answer to <c>StartRun</c>.</summary>
    private sealed record StartRunResponse(string? RunId, string? Error, Dictionary<string, string[]>? Errors);

    /// <summary>The part of the hub's <c>GetRun</c> answer the command line needs.</summary>
    private sealed record RemoteRun(string RunId, string Status);
}
