using System.Text.Json.Nodes;
using NetToolbox.Contracts;
using NetToolbox.Plugins.Pinger.Runs;

namespace NetToolbox.Plugins.Pinger;

/// <summary>
/// Pings a host over ICMP/ICMPv6 echo (raw socket, or the kernel's unprivileged ICMP socket) or TCP connect,
/// or sweeps a CIDR range concurrently. Emits an <c>rtt</c> sample and a ping-style line per reply, a
/// <c>timeout</c> sample per loss, running cumulative statistics, and ping's summary plus median and p95.
/// </summary>
public sealed class PingerTool : ITool
{
    private readonly ISocketFactory _sockets;
    private readonly HostResolver _resolver;

    /// <summary>Creates the tool; sockets are opened per run.</summary>
    public PingerTool()
        : this(SystemSocketFactory.Instance)
    {
    }

    internal PingerTool(ISocketFactory sockets)
        : this(sockets, HostResolver.Default)
    {
    }

    internal PingerTool(ISocketFactory sockets, HostResolver resolver)
    {
        _sockets = sockets;
        _resolver = resolver;
    }

    /// <inheritdoc />
    public ToolDescriptor Descriptor => PingerDescriptor.Value;

    /// <inheritdoc />
    public IAsyncEnumerable<ToolEvent> RunAsync(ToolInput input, IToolContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(context);
        if (!PingSettings.TryCreate(input, out var settings, out var error))
        {
            return Refuse(error!);
        }

        return settings.Range is not null
            ? new SweepRun(settings, context, _sockets).RunAsync(cancellationToken)
            : new PingRun(settings, context, _sockets, _resolver).RunAsync(cancellationToken);
    }

    private static async IAsyncEnumerable<ToolEvent> Refuse(string error)
    {
        await Task.CompletedTask.ConfigureAwait(false);
        yield return new ResultEvent(false, error, new JsonObject { ["error"] = error });
    }
}
