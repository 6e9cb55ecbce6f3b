using System.Net;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using NetToolbox.Contracts;

namespace NetToolbox.Plugins.Forwarder;

/// <summary>
/// Port forwarder: listens on a local endpoint and relays every accepted connection to a target, both
/// directions at once and byte-exact, with correct TCP half-close. TCP over IPv4 and IPv6 (dual-stack on
/// <c>[::]</c>, link-local with a zone) and Unix domain sockets on either side. Reports a live row per
/// connection (bytes each way while it flows), throughput and open-connection samples, and runs until cancelled.
/// </summary>
public sealed class ForwarderTool : ITool
{
    private readonly RelayEngineKind _engine;

    /// <summary>
    /// A forwarder using the fastest data path the platform has (the epoll engine on Linux), unless the
    /// environment variable <c>NETTOOLBOX_FORWARDER_ENGINE=managed</c> asks for the portable one.
    /// </summary>
    public ForwarderTool()
        : this(string.Equals(Environment.GetEnvironmentVariable("NETTOOLBOX_FORWARDER_ENGINE"), "managed", StringComparison.OrdinalIgnoreCase)
            ? RelayEngineKind.Managed
            : RelayEngineKind.Auto)
    {
    }

    internal ForwarderTool(RelayEngineKind engine) => _engine = engine;

    /// <inheritdoc />
    public ToolDescriptor Descriptor { get; } = new()
    {
        Id = "forwarder",
        Name = "Port forwarder",
        Description = "Relays every connection on a local endpoint to a target (TCP or Unix socket) with a live per-connection table.",
        Category = "Relay",
        Icon = "swap_horiz",
        Version = "1.0.0",
        Privileged = true,
        Parameters = ForwarderParameters.All,
    };

    /// <inheritdoc />
    public async IAsyncEnumerable<ToolEvent> RunAsync(
        ToolInput input,
        IToolContext context,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(context);
        var options = ForwarderOptions.From(input);
        var problem = options.Validate();
        if (problem is null)
        {
            EndpointResolver.TryLiteral(options.Target, out problem);
        }

        ForwardListener? listener = null;
        if (problem is null)
        {
            (listener, problem) = await ForwardListener.OpenAsync(options.Listen, context.Destinations, cancellationToken);
        }

        if (listener is null)
        {
            problem ??= "cannot listen";
            ForwarderLog.StartFailed(context.Logger, context.RunId, problem);
            yield return new LogEvent(LogEventLevel.Error, problem);
            yield return new ResultEvent(false, problem);
            yield break;
        }

        var listenText = EndpointResolver.Format(listener.LocalEndPoint);
        var targetText = options.Target.ToString();
        ForwarderLog.Listening(context.Logger, context.RunId, listenText, targetText);
        yield return new LogEvent(LogEventLevel.Info, $"listening on {listenText}, forwarding to {options.Target}");
        yield return ListenerRow(listener.LocalEndPoint, listenText, options.Target);

        var events = Channel.CreateUnbounded<ToolEvent>(new UnboundedChannelOptions { SingleReader = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var session = new ForwardingSession(options, listener, context, events.Writer, _engine);
        var running = RunSessionAsync(session, listenText, events.Writer, stop.Token);
        try
        {
            await foreach (var item in events.Reader.ReadAllAsync(CancellationToken.None))
            {
                yield return item;
            }
        }
        finally
        {
            // Also when the caller stops enumerating without cancelling: close everything before returning.
            await stop.CancelAsync();
            await running;
            listener.Dispose();
        }
    }

    private static async Task RunSessionAsync(ForwardingSession session, string listenText, ChannelWriter<ToolEvent> events, CancellationToken stop)
    {
        try
        {
            await session.RunAsync(listenText, stop);
        }
        finally
        {
            events.TryComplete();
        }
    }

    private static RowEvent ListenerRow(EndPoint bound, string listenText, NetworkEndpoint target) => bound switch
    {
        IPEndPoint ip => ConnectionRows.Listener(
            listenText,
            (ip.Address.IsIPv4MappedToIPv6 ? ip.Address.MapToIPv4() : ip.Address).ToString(),
            ip.Port,
            target.ToString()),
        _ => ConnectionRows.Listener(listenText, listenText["unix:".Length..], null, target.ToString()),
    };
}
