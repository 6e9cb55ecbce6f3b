using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using NetToolbox.Contracts;
using NetToolbox.Plugins.Interfaces.Reading;

namespace NetToolbox.Plugins.Interfaces;

/// <summary>
/// Lists every network interface of the host — kind, MAC, MTU, admin and operational state, speed, IPv4 addresses
/// with broadcast, IPv6 addresses with scope, traffic counters — read over netlink like <c>ip -j addr</c> / <c>ip -j link</c>.
/// </summary>
public sealed class InterfacesTool : ITool
{
    private readonly Func<CancellationToken, Task<InterfaceSnapshot>> _read;

    /// <summary>Creates the tool reading the host's interfaces.</summary>
    public InterfacesTool()
        : this(InterfaceReader.ReadAsync)
    {
    }

    /// <summary>Creates the tool with another source of snapshots (tests read a network namespace).</summary>
    internal InterfacesTool(Func<CancellationToken, Task<InterfaceSnapshot>> read) => _read = read;

    /// <inheritdoc />
    public ToolDescriptor Descriptor { get; } = new()
    {
        Id = "interfaces",
        Name = "Interface lister",
        Description = "Every network interface with its kind, MAC, MTU, state, speed, IPv4/IPv6 addresses and counters.",
        Category = "Interfaces",
        Icon = "lan",
        Version = "1.0.0",
        Parameters =
        [
            new ParameterSpec
            {
                Name = InterfaceListOptions.NameParameter,
                Label = "Name filter",
                Kind = ParameterKind.Text,
                Max = 64,
                Help = "Show interfaces whose name contains this text, or matches it as a pattern with * and ? (e.g. veth*). Empty: all.",
            },
            new ParameterSpec
            {
                Name = InterfaceListOptions.IncludeDownParameter,
                Label = "Include down interfaces",
                Kind = ParameterKind.Boolean,
                Default = "true",
                Help = "Off: show only interfaces that are administratively up (like ip link show up).",
            },
            new ParameterSpec
            {
                Name = InterfaceListOptions.FamilyParameter,
                Label = "Address family",
                Kind = ParameterKind.Choice,
                Default = "any",
                Choices = ["any", "ipv4", "ipv6"],
                Help = "Which addresses to show. Interfaces are listed either way.",
            },
        ],
    };

    /// <inheritdoc />
    public async IAsyncEnumerable<ToolEvent> RunAsync(ToolInput input, IToolContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(context);
        var options = InterfaceListOptions.From(input);
        var started = context.Time.GetTimestamp();
        var snapshot = await _read(cancellationToken).ConfigureAwait(false);
        var elapsed = context.Time.GetElapsedTime(started);
        var addressCount = snapshot.Interfaces.Sum(i => i.Addresses.Count);
        InterfacesLog.SnapshotRead(context.Logger, context.RunId, snapshot.Interfaces.Count, addressCount, elapsed.TotalMilliseconds);
        yield return new LogEvent(
            LogEventLevel.Debug,
            string.Create(CultureInfo.InvariantCulture, $"Read {snapshot.Interfaces.Count} interfaces and {addressCount} addresses over netlink in {elapsed.TotalMilliseconds:0.0} ms"));

        var shown = snapshot.Interfaces.Where(options.Shows).ToList();
        if (shown.Count == 0 && options.NameFilter is not null)
        {
            var which = options.IncludeDown ? "interface" : "interface that is up";
            yield return new ResultEvent(
                false,
                $"No {which} matches '{options.NameFilter}'. Interfaces: {string.Join(", ", snapshot.Names)}.",
                new JsonObject { ["filter"] = options.NameFilter, ["existing"] = new JsonArray([.. snapshot.Names.Select(n => (JsonNode?)n)]) });
            yield break;
        }

        foreach (var item in shown)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return InterfaceRows.Interface(item, options);
        }

        foreach (var item in shown)
        {
            foreach (var address in item.Addresses.Where(options.Shows))
            {
                cancellationToken.ThrowIfCancellationRequested();
                yield return InterfaceRows.Address(item, address);
            }
        }

        yield return Result(snapshot, shown, options);
    }

    private static ResultEvent Result(InterfaceSnapshot snapshot, List<NetInterface> shown, InterfaceListOptions options)
    {
        var addresses = shown.SelectMany(i => i.Addresses.Where(options.Shows)).ToList();
        var ipv4 = addresses.Count(a => a.IsIPv4);
        var ipv6 = addresses.Count - ipv4;
        var up = shown.Count(i => i.Link.AdminUp);
        var operUp = shown.Count(i => i.OperState == "up");
        var scope = shown.Count == snapshot.Interfaces.Count
            ? $"{shown.Count} interfaces"
            : $"{shown.Count} of {snapshot.Interfaces.Count} interfaces";
        var summary = string.Create(
            CultureInfo.InvariantCulture,
            $"{scope} ({up} up, {shown.Count - up} down), {addresses.Count} addresses ({ipv4} IPv4, {ipv6} IPv6)");
        var data = new JsonObject
        {
            ["count"] = shown.Count,
            ["total"] = snapshot.Interfaces.Count,
            ["adminUp"] = up,
            ["adminDown"] = shown.Count - up,
            ["operUp"] = operUp,
            ["addresses"] = addresses.Count,
            ["ipv4Addresses"] = ipv4,
            ["ipv6Addresses"] = ipv6,
            ["interfaces"] = new JsonArray([.. shown.Select(i => (JsonNode?)InterfaceRows.Summary(i, options))]),
        };
        return new ResultEvent(true, summary, data);
    }
}
