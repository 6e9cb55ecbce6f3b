using System.Globalization;
using System.Text.Json.Nodes;
using NetToolbox.Contracts;
using NetToolbox.Core.Validation;
using NetToolbox.Testing;

namespace NetToolbox.Plugins.Forwarder.Tests;

/// <summary>A forwarder run started through the schema (as the host does), with helpers to read its rows.</summary>
internal sealed class ForwarderRun : IAsyncDisposable
{
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private ForwarderRun(ToolHarness harness, RowEvent listener)
    {
        Harness = harness;
        Listener = listener;
    }

    public ToolHarness Harness { get; }

    /// <summary>The listener row: endpoint, address, port, target.</summary>
    public RowEvent Listener { get; }

    /// <summary>The port the forwarder listens on (resolved from port 0).</summary>
    public int Port => Listener.Values[2]!.GetValue<int>();

    /// <summary>The listening endpoint as text, e.g. <c>127.0.0.1:41234</c>.</summary>
    public string Endpoint => Listener.Values[0]!.GetValue<string>();

    /// <summary>
    /// Starts the forwarder with text arguments (statsInterval defaults to 100 ms here) and waits until it listens.
    /// <paramref name="engine"/> is <c>auto</c> (epoll on Linux) or <c>managed</c>.
    /// </summary>
    public static async Task<ForwarderRun> StartAsync(Dictionary<string, string?> arguments, IToolContext? context = null, string engine = "auto")
    {
        var tool = new ForwarderTool(engine == "managed" ? RelayEngineKind.Managed : RelayEngineKind.Auto);
        arguments.TryAdd("statsInterval", "100ms");
        var binding = ArgumentBinder.Bind(tool.Descriptor, arguments);
        Assert.True(binding.IsValid, string.Join("; ", binding.Errors.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}")));
        var harness = ToolHarness.Start(tool, binding.Input!.Values, context ?? new TestToolContext());
        var listener = await harness.WaitForAsync<RowEvent>(r => r.Table == "listener", Wait);
        return new ForwarderRun(harness, listener);
    }

    /// <summary>Waits for a row of the connections table matching <paramref name="predicate"/>.</summary>
    public async Task<ConnectionRow> WaitForConnectionAsync(Func<ConnectionRow, bool> predicate, TimeSpan? timeout = null)
    {
        var row = await Harness.WaitForAsync<RowEvent>(r => r.Table == "connections" && predicate(new ConnectionRow(r)), timeout ?? Wait);
        return new ConnectionRow(row);
    }

    /// <summary>The latest row of every connection so far, by id.</summary>
    public IReadOnlyDictionary<long, ConnectionRow> LatestConnections() => Harness.Events
        .OfType<RowEvent>()
        .Where(r => r.Table == "connections")
        .Select(r => new ConnectionRow(r))
        .GroupBy(r => r.Id)
        .ToDictionary(g => g.Key, g => g.Last());

    public ValueTask DisposeAsync() => Harness.DisposeAsync();
}

/// <summary>One row of the forwarder's connections table, read by column name.</summary>
internal sealed record ConnectionRow(RowEvent Row)
{
    public long Id => Get("id")!.GetValue<long>();

    public string? Client => Get("client")?.GetValue<string>();

    public string? Remote => Get("remote")?.GetValue<string>();

    public string State => Get("state")!.GetValue<string>();

    public long BytesUp => Get("bytesUp")!.GetValue<long>();

    public long BytesDown => Get("bytesDown")!.GetValue<long>();

    public double Duration => Get("duration")!.GetValue<double>();

    public string? CloseReason => Get("closeReason")?.GetValue<string>();

    public bool IsClosed => State == "closed";

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"#{Id} {Client} -> {Remote} {State} up={BytesUp} down={BytesDown} reason={CloseReason}");

    private JsonNode? Get(string column)
    {
        var index = Row.Columns.ToList().IndexOf(column);
        Assert.True(index >= 0, $"no column {column}");
        return Row.Values[index];
    }
}
