using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;

namespace NetToolbox.Web.Tests.Hubs;

[Collection(WebAppCollection.Name)]
public sealed class RunsHubTests(WebAppFactory app) : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(15);
    private HubConnection _connection = default!;

    public async Task InitializeAsync()
    {
        _connection = Connect();
        await _connection.StartAsync();
    }

    public async Task DisposeAsync() => await _connection.DisposeAsync();

    [Fact]
    public async Task StartRunThenStreamRun_ReceivesEveryEventWithTypeUntilTheResult()
    {
        var started = await _connection.InvokeAsync<JsonElement>("StartRun", "ticker", Args(new { count = 5, interval = "20ms" }));
        var runId = started.GetProperty("runId").GetString()!;

        var events = await CollectAsync(_connection, runId, 0);

        Assert.Equal(Enumerable.Range(1, events.Count).Select(i => (long)i), events.Select(e => e.GetProperty("seq").GetInt64()));
        Assert.Equal(["log", "sample", "progress"], events.Take(3).Select(e => e.GetProperty("type").GetString()));
        Assert.Equal("result", events[^1].GetProperty("type").GetString());
        Assert.True(events[^1].GetProperty("success").GetBoolean());
    }

    [Fact]
    public async Task StreamRun_TwoClientsOneLate_BothSeeTheSameEventsWithoutGapsOrDuplicates()
    {
        var started = await _connection.InvokeAsync<JsonElement>("StartRun", "ticker", Args(new { count = 20, interval = "25ms" }));
        var runId = started.GetProperty("runId").GetString()!;
        var early = CollectAsync(_connection, runId, 0);
        await Testing.Eventually.TrueAsync(
            async () => (await _connection.InvokeAsync<JsonElement>("GetRun", runId)).GetProperty("lastSeq").GetInt64() >= 10,
            Deadline,
            "ten events before the late client joins");

        await using var late = Connect();
        await late.StartAsync();
        var lateEvents = await CollectAsync(late, runId, 0);
        var earlyEvents = await early;

        Assert.Equal(earlyEvents.Select(e => e.GetProperty("seq").GetInt64()), lateEvents.Select(e => e.GetProperty("seq").GetInt64()));
        Assert.Equal(Enumerable.Range(1, earlyEvents.Count).Select(i => (long)i), earlyEvents.Select(e => e.GetProperty("seq").GetInt64()));
        Assert.Equal(earlyEvents.Select(e => e.GetRawText()), lateEvents.Select(e => e.GetRawText()));
    }

    [Fact]
    public async Task StreamRun_AfterSeq_StartsAfterThatEvent()
    {
        var started = await _connection.InvokeAsync<JsonElement>("StartRun", "ticker", Args(new { count = 3, interval = "0s" }));
        var runId = started.GetProperty("runId").GetString()!;
        await CollectAsync(_connection, runId, 0);

        var tail = await CollectAsync(_connection, runId, 5);

        Assert.Equal(6, tail[0].GetProperty("seq").GetInt64());
    }

    [Fact]
    public async Task StartRun_InvalidArguments_ReturnsErrorsPerFieldAndNoRun()
    {
        var response = await _connection.InvokeAsync<JsonElement>("StartRun", "ticker", Args(new { count = -1, interval = "soon" }));

        Assert.False(response.TryGetProperty("runId", out var id) && id.ValueKind == JsonValueKind.String);
        var errors = response.GetProperty("errors");
        Assert.True(errors.TryGetProperty("count", out _));
        Assert.True(errors.TryGetProperty("interval", out _));
    }

    [Fact]
    public async Task CancelRun_RunningRun_StreamEndsWithCancelledResult()
    {
        var started = await _connection.InvokeAsync<JsonElement>("StartRun", "ticker", Args(new { count = 1_000_000, interval = "20ms" }));
        var runId = started.GetProperty("runId").GetString()!;
        var stream = CollectAsync(_connection, runId, 0);
        await Testing.Eventually.TrueAsync(
            async () => (await _connection.InvokeAsync<JsonElement>("GetRun", runId)).GetProperty("lastSeq").GetInt64() >= 3,
            Deadline,
            "the run to produce events");

        Assert.True(await _connection.InvokeAsync<bool>("CancelRun", runId));
        var events = await stream;

        Assert.Equal("result", events[^1].GetProperty("type").GetString());
        Assert.Equal("Cancelled", events[^1].GetProperty("summary").GetString());
        var run = await _connection.InvokeAsync<JsonElement>("GetRun", runId);
        Assert.Equal("cancelled", run.GetProperty("status").GetString());
    }

    private HubConnection Connect() => new HubConnectionBuilder()
        .WithUrl(new Uri(app.BaseAddress, "/hubs/runs"))
        .Build();

    private static Dictionary<string, JsonElement> Args(object arguments) =>
        JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(JsonSerializer.Serialize(arguments))!;

    private static async Task<List<JsonElement>> CollectAsync(HubConnection connection, string runId, long afterSeq)
    {
        using var deadline = new CancellationTokenSource(Deadline);
        var events = new List<JsonElement>();
        await foreach (var item in connection.StreamAsync<JsonElement>("StreamRun", runId, afterSeq, deadline.Token))
        {
            events.Add(item);
        }

        return events;
    }
}
