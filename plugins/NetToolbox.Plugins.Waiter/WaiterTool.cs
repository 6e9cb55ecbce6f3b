using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using NetToolbox.Contracts;

namespace NetToolbox.Plugins.Waiter;

/// <summary>
/// Service waiter: waits until TCP ports, HTTP(S) URLs and Unix sockets accept connections (or, inverted,
/// stop accepting), several at once or in order, retrying each with a fresh connection until a timeout.
/// </summary>
public sealed class WaiterTool : ITool
{
    private readonly ResolveHost _resolve;

    /// <summary>Creates the tool; host names go to the system resolver (/etc/hosts, then DNS).</summary>
    public WaiterTool()
        : this(Dns.GetHostAddressesAsync)
    {
    }

    /// <summary>Creates the tool with its own name resolver (tests use it to stay off DNS).</summary>
    internal WaiterTool(ResolveHost resolve) => _resolve = resolve;

    /// <inheritdoc />
    public ToolDescriptor Descriptor { get; } = new()
    {
        Id = "waiter",
        Name = "Service waiter",
        Description = "Wait until TCP ports, HTTP(S) URLs or Unix sockets are ready (or have shut down), several at once.",
        Category = "Diagnostics",
        Icon = "hourglass_top",
        Version = "1.0.0",
        Parameters = WaiterParameters.All,
    };

    /// <inheritdoc />
    public async IAsyncEnumerable<ToolEvent> RunAsync(
        ToolInput input,
        IToolContext context,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(context);
        if (!WaitOptions.TryRead(input, out var options, out var error))
        {
            yield return new ResultEvent(false, error, new JsonObject { ["error"] = error });
            yield break;
        }

        var run = new WaitRun(options, context, _resolve);
        await foreach (var item in run.RunAsync(cancellationToken))
        {
            yield return item;
        }
    }
}
