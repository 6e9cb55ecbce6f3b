using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using NetToolbox.Contracts;
using NetToolbox.Plugins.Interfaces.Reading;

namespace NetToolbox.Plugins.IpLookup;

/// <summary>
/// Shows the IPv4 and IPv6 addresses of an interface — prefix, network, broadcast, scope — read from the kernel,
/// not DNS. Given a host name or IP literal instead, shows what the resolver returns and which local interface
/// holds each address.
/// </summary>
public sealed class IpLookupTool : ITool
{
    private readonly Func<CancellationToken, Task<InterfaceSnapshot>> _read;

    /// <summary>Creates the tool reading the host's interfaces.</summary>
    public IpLookupTool()
        : this(InterfaceReader.ReadAsync)
    {
    }

    /// <summary>Creates the tool with another source of snapshots (tests read a network namespace).</summary>
    internal IpLookupTool(Func<CancellationToken, Task<InterfaceSnapshot>> read) => _read = read;

    /// <inheritdoc />
    public ToolDescriptor Descriptor { get; } = new()
    {
        Id = "iplookup",
        Name = "IP lookup",
        Description = "The IPv4 and IPv6 addresses of an interface (prefix, network, scope), or of a host name.",
        Category = "Interfaces",
        Icon = "travel_explore",
        Version = "1.0.0",
        Parameters =
        [
            new ParameterSpec
            {
                Name = LookupOptions.InterfaceParameter,
                Label = "Interface (or host name)",
                Kind = ParameterKind.Text,
                Required = true,
                Min = 1,
                Max = 253,
                Help = "An interface name such as eth0 or lo. A name that is no interface is resolved as a host name (see Look up as).",
            },
            new ParameterSpec
            {
                Name = LookupOptions.FamilyParameter,
                Label = "Address family",
                Kind = ParameterKind.Choice,
                Default = "any",
                Choices = ["any", "ipv4", "ipv6"],
                Help = "Which addresses to show.",
            },
            new ParameterSpec
            {
                Name = LookupOptions.SourceParameter,
                Label = "Look up as",
                Kind = ParameterKind.Choice,
                Default = "auto",
                Choices = ["auto", "interface", "host"],
                Help = "auto: the interface with this name if there is one, else resolve it as a host name. interface: never use the resolver. host: always resolve.",
            },
        ],
    };

    /// <inheritdoc />
    public async IAsyncEnumerable<ToolEvent> RunAsync(ToolInput input, IToolContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(context);
        var options = LookupOptions.From(input);
        var snapshot = await _read(cancellationToken).ConfigureAwait(false);
        var item = snapshot.Find(options.Name);
        var asInterface = options.Source == "interface" || (options.Source == "auto" && item is not null);
        LookupLog.LookingUp(context.Logger, context.RunId, options.Name, asInterface ? "interface" : "host", options.Family);

        if (asInterface)
        {
            if (item is null)
            {
                yield return UnknownInterface(options, snapshot, resolverError: null);
                yield break;
            }

            foreach (var found in InterfaceAddresses.Describe(item, options))
            {
                yield return found;
            }

            yield break;
        }

        if (!NetworkEndpoint.IsValidHost(options.Name))
        {
            yield return options.Source == "auto"
                ? UnknownInterface(options, snapshot, "it is not a valid host name either")
                : new ResultEvent(false, $"'{options.Name}' is not a valid host name or IP address");
            yield break;
        }

        yield return new LogEvent(LogEventLevel.Info, item is null && options.Source == "auto"
            ? $"No interface is named '{options.Name}'; resolving it as a host name"
            : $"Resolving '{options.Name}' as a host name");
        var resolution = await HostAddresses.ResolveAsync(options, cancellationToken).ConfigureAwait(false);
        if (resolution.Error is { } error)
        {
            LookupLog.ResolveFailed(context.Logger, context.RunId, options.Name, error);
            yield return options.Source == "auto"
                ? UnknownInterface(options, snapshot, $"resolving it as a host name failed: {error}")
                : new ResultEvent(false, $"Could not resolve '{options.Name}': {error}", new JsonObject { ["source"] = "host", ["host"] = options.Name, ["error"] = error });
            yield break;
        }

        foreach (var resolved in HostAddresses.Describe(options, resolution.Addresses, snapshot))
        {
            yield return resolved;
        }
    }

    private static ResultEvent UnknownInterface(LookupOptions options, InterfaceSnapshot snapshot, string? resolverError)
    {
        var names = string.Join(", ", snapshot.Names);
        var similar = snapshot.Names.FirstOrDefault(n => string.Equals(n, options.Name, StringComparison.OrdinalIgnoreCase));
        var hint = similar is null ? string.Empty : $" Did you mean '{similar}'? (names are case-sensitive)";
        var also = resolverError is null ? string.Empty : $" ({resolverError})";
        return new ResultEvent(
            false,
            $"No interface named '{options.Name}'{also}. Interfaces on this host: {names}.{hint}",
            new JsonObject
            {
                ["interface"] = options.Name,
                ["existing"] = new JsonArray([.. snapshot.Names.Select(n => (JsonNode?)n)]),
                ["resolverError"] = resolverError,
            });
    }
}
