using System.Text.Json.Nodes;
using Bunit;
using MudBlazor.Services;
using NetToolbox.Contracts;
using NetToolbox.Web.Components.Runs;

namespace NetToolbox.Web.Tests.Components;

public sealed class RunComponentsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task LogConsole_HundredThousandLines_RendersOnlyAWindowAndAttachesTheScrollModule()
    {
        await using var context = NewContext();
        var module = context.JSInterop.SetupModule("./js/logConsole.js");
        module.SetupVoid("attach", _ => true).SetVoidResult();
        module.SetupVoid("scrollToEnd", _ => true).SetVoidResult();
        var lines = Enumerable.Range(1, 100_000).Select(i => new LogEvent(LogEventLevel.Info, $"line {i}") { At = T0 }).ToList();

        var console = context.Render<LogConsole>(p => p.Add(c => c.Lines, lines));

        Assert.Equal("100000 lines", console.Find("[data-testid=console-count]").TextContent);
        Assert.InRange(console.FindAll(".nt-line").Count, 0, 200);
        console.WaitForAssertion(() => module.VerifyInvoke("attach"));
        module.VerifyInvoke("scrollToEnd");
    }

    [Fact]
    public async Task LogConsole_WarningLine_CarriesTheLevelClass()
    {
        await using var context = NewContext();
        var console = context.Render<LogConsole>(p => p.Add(c => c.Lines, [new LogEvent(LogEventLevel.Warning, "careful") { At = T0 }]));

        Assert.Contains("careful", console.Find(".nt-line.warning").TextContent, StringComparison.Ordinal);
        Assert.Equal("log", console.Find("[data-testid=console]").GetAttribute("role"));
    }

    [Fact]
    public void ChartBuild_TimeoutBesideRtt_SharesOneAxisWithGapsWhereASeriesHasNoPoint()
    {
        var rtt = new SeriesModel("rtt", "ms");
        var timeout = new SeriesModel("timeout", "ms");
        rtt.Add(T0, 1.5, 100);
        timeout.Add(T0.AddSeconds(1), 1000, 100);
        rtt.Add(T0.AddSeconds(2), 2.5, 100);

        var group = Assert.Single(RunChart.Build([rtt, timeout]));

        Assert.Equal(3, group.Labels.Length);
        Assert.Equal([true, false, true], Enumerable.Range(0, 3).Select(i => group.Series[0].Data[i].HasValue));
        Assert.Equal((double?)2.5, group.Series[0].Data.GetValue(2));
        Assert.Equal("timeout", group.Series[1].Name);
        Assert.True(group.Series[1].Data[1].HasValue);
        Assert.False(group.Series[1].Data[0].HasValue);
    }

    [Fact]
    public async Task RunChart_TwoUnits_DrawsAChartPerUnitWithFigures()
    {
        await using var context = NewContext();
        var throughput = new SeriesModel("throughput", "bit/s");
        var connections = new SeriesModel("connections", "connections");
        throughput.Add(T0, 8000, 100);
        connections.Add(T0, 2, 100);
        var series = new Dictionary<string, SeriesModel> { ["throughput"] = throughput, ["connections"] = connections };

        var chart = context.Render<RunChart>(p => p.Add(c => c.Series, series));

        Assert.Equal(2, chart.FindAll("[data-testid=chart]").Count);
        Assert.Contains("last 2", chart.Find("[data-series=connections]").TextContent, StringComparison.Ordinal);
        Assert.NotEmpty(chart.FindAll("svg"));
    }

    [Fact]
    public async Task RunTable_SweepRows_OfferPingWaitAndForwardLinksForTheAddress()
    {
        await using var context = NewContext();
        var table = new TableModel();
        table.Apply(new RowEvent(["address", "status"], ["192.0.2.7", "up"], Key: "192.0.2.7", Table: "hosts"));

        var grid = context.Render<RunTable>(p => p.Add(t => t.Name, "hosts").Add(t => t.Table, table).Add(t => t.RunId, "r1"));

        Assert.Equal("tools/pinger?host=192.0.2.7", grid.Find("[data-action=pinger]").GetAttribute("href"));
        Assert.Equal("tools/waiter?targets=192.0.2.7%3A80", grid.Find("[data-action=waiter]").GetAttribute("href"));
        Assert.Equal("tools/forwarder?target=192.0.2.7%3A80", grid.Find("[data-action=forwarder]").GetAttribute("href"));
        Assert.Equal("Ping 192.0.2.7", grid.Find("[data-action=pinger]").GetAttribute("aria-label"));
        Assert.Equal("api/runs/r1/rows.csv?table=hosts", grid.Find("[data-testid=table-csv]").GetAttribute("href"));
    }

    [Fact]
    public async Task RunTable_KeyedRowUpdated_ShowsTheNewValueInTheSameRow()
    {
        await using var context = NewContext();
        var table = new TableModel();
        table.Apply(new RowEvent(["name", "bytes"], ["a", 1], Key: "a"));
        table.Apply(new RowEvent(["name", "bytes"], ["b", 2], Key: "b"));
        var grid = context.Render<RunTable>(p => p.Add(t => t.Name, "").Add(t => t.Table, table).Add(t => t.RunId, "r1"));

        table.Apply(new RowEvent(["name", "bytes"], ["a", 99], Key: "a"));
        grid.Render();

        var rows = grid.FindAll("tbody tr").Select(r => r.TextContent).ToList();
        Assert.Equal(2, rows.Count);
        Assert.Contains("99", rows[0], StringComparison.Ordinal);
        Assert.Empty(grid.FindAll("[data-action]"));
    }

    [Fact]
    public async Task RunTable_QuickFilter_HidesRowsWithoutTheText()
    {
        await using var context = NewContext();
        var table = new TableModel();
        table.Apply(new RowEvent(["name"], ["eth0"]));
        table.Apply(new RowEvent(["name"], ["lo"]));
        var grid = context.Render<RunTable>(p => p.Add(t => t.Name, "interfaces").Add(t => t.Table, table).Add(t => t.RunId, "r1"));

        grid.Find("input[data-testid=table-filter]").Input("eth");

        grid.WaitForAssertion(() => Assert.Single(grid.FindAll("tbody tr")));
        Assert.Contains("eth0", grid.Find("tbody tr").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void MiniStatus_ForwarderSamples_ShowsConnectionsAndScaledThroughput()
    {
        ToolEvent[] events =
        [
            new SampleEvent("throughput", 1000, "bit/s"),
            new SampleEvent("connections", 1, "connections"),
            new SampleEvent("throughput", 2_500_000, "bit/s"),
            new SampleEvent("connections", 3, "connections"),
        ];

        Assert.Equal("throughput 2.5 Mbit/s · connections 3 connections", RunMiniStatus.Describe(events));
    }

    [Fact]
    public void MiniStatus_PingerEvents_ShowsLastRttAndLoss()
    {
        ToolEvent[] events =
        [
            new SampleEvent("rtt", 0.25, "ms"),
            new RowEvent(["target", "lossPercent"], ["127.0.0.1", 0], Key: "stats", Table: "stats"),
            new SampleEvent("rtt", 0.5, "ms"),
        ];

        Assert.Equal("rtt 0.5 ms · loss 0 %", RunMiniStatus.Describe(events));
        Assert.Equal("starting…", RunMiniStatus.Describe([]));
    }

    [Fact]
    public void RowActions_CidrAndIpv6Cells_UseTheBareAddressAndBracketedEndpoints()
    {
        var v4 = RowActions.For([JsonValue.Create("10.1.2.3/24")], 0);
        var v6 = RowActions.For([JsonValue.Create("fe80::1")], 0);

        Assert.Equal("tools/pinger?host=10.1.2.3", v4[0].Href);
        Assert.Equal("tools/waiter?targets=%5Bfe80%3A%3A1%5D%3A80", v6[1].Href);
        Assert.Empty(RowActions.For([null], 0));
        Assert.Equal(-1, RowActions.AddressIndex(["name", "mtu"]));
    }

    private static BunitContext NewContext()
    {
        var context = new BunitContext();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        context.Services.AddMudServices();
        return context;
    }
}
