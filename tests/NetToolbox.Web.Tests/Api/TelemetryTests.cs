using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using NetToolbox.Core.Telemetry;
using NetToolbox.ServiceDefaults;
using NetToolbox.Testing;

namespace NetToolbox.Web.Tests.Api;

/// <summary>The app's own metrics, read with a MeterListener on the app's meter, move when tools run through the API.</summary>
[Collection(WebAppCollection.Name)]
public sealed class TelemetryTests(WebAppFactory app)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task StartRun_TickerThenFail_CountsStartedActiveAndFailedByTool()
    {
        using var recorder = new MeterRecorder(app.Services.GetRequiredService<NetToolboxMetrics>().Meter);
        using var client = app.CreateClient();

        var ticker = await WebAppFactory.StartRunAsync(client, "ticker", new { count = 1000, interval = "50ms" });
        await recorder.WaitForAsync(r => r.Sum("nettoolbox.runs.active", "tool", "ticker") == 1, Bound, "one active ticker run");
        var failing = await WebAppFactory.StartRunAsync(client, "fail", new { });
        await WebAppFactory.WaitForStatusAsync(client, failing, "failed", Bound);
        using (await client.DeleteAsync(new Uri($"/api/runs/{ticker}", UriKind.Relative)))
        {
        }

        await WebAppFactory.WaitForStatusAsync(client, ticker, "cancelled", Bound);
        await recorder.WaitForAsync(r => r.Sum("nettoolbox.runs.active") == 0, Bound, "no active runs");

        Assert.Equal(1, recorder.Sum("nettoolbox.runs.started", "tool", "ticker"));
        Assert.Equal(1, recorder.Sum("nettoolbox.runs.started", "tool", "fail"));
        Assert.Equal(1, recorder.Sum("nettoolbox.runs.failed", "tool", "fail"));
        Assert.Equal(0, recorder.Sum("nettoolbox.runs.failed", "tool", "ticker"));
    }

    [Fact]
    public async Task StartRun_ForwarderRelaysBytes_BytesAndOpenConnectionsMetricsMove()
    {
        using var recorder = new MeterRecorder(app.Services.GetRequiredService<NetToolboxMetrics>().Meter);
        using var client = app.CreateClient();
        using var echo = new TcpListener(IPAddress.Loopback, 0);
        echo.Start();
        var echoing = EchoOnceAsync(echo);
        var listenPort = FreeLoopbackPort();
        var runId = await WebAppFactory.StartRunAsync(client, "forwarder", new
        {
            listen = $"127.0.0.1:{listenPort}",
            target = $"127.0.0.1:{((IPEndPoint)echo.LocalEndpoint).Port}",
            statsInterval = "100ms",
        });
        await WebAppFactory.WaitForStatusAsync(client, runId, "running", Bound);

        var payload = new byte[4096];
        Random.Shared.NextBytes(payload);
        using (var connection = await ConnectAsync(listenPort))
        {
            var stream = connection.GetStream();
            await stream.WriteAsync(payload);
            var back = new byte[payload.Length];
            await stream.ReadExactlyAsync(back).AsTask().WaitAsync(Bound);
            Assert.Equal(payload, back);

            await recorder.WaitForAsync(
                r => r.Sum("nettoolbox.tool.forwarder.bytes") >= 2 * payload.Length && r.Sum("nettoolbox.tool.forwarder.connections.open") == 1,
                Bound,
                "forwarder metrics: both directions' bytes and one open connection");
        }

        await recorder.WaitForAsync(r => r.Sum("nettoolbox.tool.forwarder.connections.open") == 0, Bound, "the closed connection to leave the open count");
        using (await client.DeleteAsync(new Uri($"/api/runs/{runId}", UriKind.Relative)))
        {
        }

        await WebAppFactory.WaitForStatusAsync(client, runId, "cancelled", Bound);
        await echoing.WaitAsync(Bound);
        Assert.Equal(2 * payload.Length, recorder.Sum("nettoolbox.tool.forwarder.bytes"));
        Assert.Equal(0, recorder.Sum("nettoolbox.tool.forwarder.connections.open"));
        Assert.Equal(0, recorder.Sum("nettoolbox.runs.active", "tool", "forwarder"));
    }

    [Fact]
    public async Task Alive_AppRunning_HealthyWhileReadinessReportsPlugins()
    {
        using var client = app.CreateClient();

        using var alive = await client.GetAsync(new Uri("/alive", UriKind.Relative));
        using var ready = await client.GetAsync(new Uri("/health", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
        Assert.Equal("Healthy", await alive.Content.ReadAsStringAsync());

        // The test plugins include one that fails to load: readiness says so, liveness does not care.
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Degraded", await ready.Content.ReadAsStringAsync());
    }

    [Fact]
    public void AppTelemetryName_ServiceDefaultsAndEngine_NameTheSameSourceAndMeter()
    {
        Assert.Equal(NetToolboxTelemetry.Name, ServiceDefaultsExtensions.AppTelemetryName);
        Assert.Equal(NetToolboxTelemetry.Name, app.Services.GetRequiredService<NetToolboxMetrics>().Meter.Name);
    }

    private static async Task EchoOnceAsync(TcpListener listener)
    {
        using var accepted = await listener.AcceptTcpClientAsync();
        var stream = accepted.GetStream();
        var buffer = new byte[8192];
        int read;
        while ((read = await stream.ReadAsync(buffer)) > 0)
        {
            await stream.WriteAsync(buffer.AsMemory(0, read));
        }
    }

    private static int FreeLoopbackPort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    /// <summary>The forwarder binds its port as the run starts: retry refused connects until it listens (bounded).</summary>
    private static async Task<TcpClient> ConnectAsync(int port)
    {
        TcpClient? connected = null;
        await Eventually.TrueAsync(
            async () =>
            {
                var client = new TcpClient();
                try
                {
                    await client.ConnectAsync(IPAddress.Loopback, port);
                    connected = client;
                    return true;
                }
                catch (SocketException)
                {
                    client.Dispose();
                    return false;
                }
            },
            Bound,
            $"the forwarder to listen on {port}");
        return connected!;
    }
}
