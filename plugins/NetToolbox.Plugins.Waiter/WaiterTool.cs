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

        var run = new WaitRun(options, context);
        await foreach (var item in run.RunAsync(cancellationToken))
        {
            yield return item;
        }
    }
}
