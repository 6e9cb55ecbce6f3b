using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace NetToolbox.Web.Tests.Api;

[Collection(WebAppCollection.Name)]
public sealed class RunsApiTests(WebAppFactory app)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task GetRun_FinishedRun_ReturnsStatusTimesAndEveryEventInOrder()
    {
        using var client = app.CreateClient();
        var runId = await WebAppFactory.StartRunAsync(client, "ticker", new { count = 3, interval = "10ms" });

        var run = await WebAppFactory.WaitForStatusAsync(client, runId, "succeeded", Deadline);

        Assert.Equal("ticker", run.GetProperty("toolId").GetString());
        Assert.True(run.GetProperty("endedAt").GetDateTimeOffset() >= run.GetProperty("startedAt").GetDateTimeOffset());
        Assert.Equal(0, run.GetProperty("droppedEvents").GetInt64());
        var events = run.GetProperty("events").EnumerateArray().ToList();
        Assert.Equal(Enumerable.Range(1, events.Count).Select(i => (long)i), events.Select(e => e.GetProperty("seq").GetInt64()));
        Assert.Equal(3, events.Count(e => e.GetProperty("type").GetString() == "log"));
        Assert.Equal(3, events.Count(e => e.GetProperty("type").GetString() == "sample"));
        Assert.Equal(3, events.Count(e => e.GetProperty("type").GetString() == "progress"));
        Assert.Equal("result", events[^1].GetProperty("type").GetString());
        Assert.True(run.GetProperty("result").GetProperty("success").GetBoolean());
        Assert.All(events, e => Assert.True(e.TryGetProperty("at", out _)));
    }

    [Fact]
    public async Task GetRun_AfterSeq_ReturnsOnlyNewerEvents()
    {
        using var client = app.CreateClient();
        var runId = await WebAppFactory.StartRunAsync(client, "ticker", new { count = 4, interval = "0s" });
        await WebAppFactory.WaitForStatusAsync(client, runId, "succeeded", Deadline);

        var run = await client.GetFromJsonAsync<JsonElement>($"/api/runs/{runId}?afterSeq=10");

        var seqs = run.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("seq").GetInt64()).ToList();
        Assert.NotEmpty(seqs);
        Assert.All(seqs, s => Assert.True(s > 10));
        Assert.Equal(run.GetProperty("lastSeq").GetInt64(), seqs[^1]);
    }

    [Fact]
    public async Task DeleteRun_RunningRun_CancelsIt()
    {
        using var client = app.CreateClient();
        var runId = await WebAppFactory.StartRunAsync(client, "ticker", new { count = 1_000_000, interval = "50ms" });
        await WebAppFactory.WaitForStatusAsync(client, runId, "running", Deadline);

        using var response = await client.DeleteAsync($"/api/runs/{runId}");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var run = await WebAppFactory.WaitForStatusAsync(client, runId, "cancelled", Deadline);
        Assert.False(run.GetProperty("result").GetProperty("success").GetBoolean());
    }

    [Fact]
    public async Task DeleteRun_FinishedRun_Returns409()
    {
        using var client = app.CreateClient();
        var runId = await WebAppFactory.StartRunAsync(client, "ticker", new { count = 1, interval = "0s" });
        await WebAppFactory.WaitForStatusAsync(client, runId, "succeeded", Deadline);

        using var response = await client.DeleteAsync($"/api/runs/{runId}");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
    }

    [Fact]
    public async Task GetAndDeleteRun_UnknownId_Return404()
    {
        using var client = app.CreateClient();

        using var get = await client.GetAsync("/api/runs/nope");
        using var delete = await client.DeleteAsync("/api/runs/nope");

        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, delete.StatusCode);
    }

    [Fact]
    public async Task ThrowingTool_RunFails_WithMessage_AndShellKeepsServing()
    {
        using var client = app.CreateClient();
        var runId = await WebAppFactory.StartRunAsync(client, "fail", new { mode = "throw", message = "kaboom" });

        var run = await WebAppFactory.WaitForStatusAsync(client, runId, "failed", Deadline);

        Assert.Equal("kaboom", run.GetProperty("result").GetProperty("summary").GetString());
        using var health = await client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        var next = await WebAppFactory.StartRunAsync(client, "ticker", new { count = 1, interval = "0s" });
        await WebAppFactory.WaitForStatusAsync(client, next, "succeeded", Deadline);
    }

    [Fact]
    public async Task ListRuns_FilteredByToolAndStatus_ReturnsOnlyMatchingRunsWithoutEvents()
    {
        using var client = app.CreateClient();
        var runId = await WebAppFactory.StartRunAsync(client, "fail", new { mode = "result", message = "nope" });
        await WebAppFactory.WaitForStatusAsync(client, runId, "failed", Deadline);

        var runs = await client.GetFromJsonAsync<JsonElement>("/api/runs?toolId=fail&status=failed");

        Assert.Contains(runs.EnumerateArray(), r => r.GetProperty("runId").GetString() == runId);
        Assert.All(runs.EnumerateArray(), r =>
        {
            Assert.Equal("fail", r.GetProperty("toolId").GetString());
            Assert.Equal("failed", r.GetProperty("status").GetString());
            Assert.False(r.TryGetProperty("events", out _));
        });
    }
}
