namespace NetToolbox.Contracts;

/// <summary>
/// A network tool the host can run. A plugin exposes one or more public, non-abstract classes
/// implementing this interface, each with a public parameterless constructor.
/// </summary>
/// <remarks>
/// One instance serves every run of the tool, possibly several at once: keep per-run state inside
/// <see cref="RunAsync"/>. Events must be the contract's own event types holding plain values,
/// never plugin-defined classes, so the plugin can be unloaded.
/// </remarks>
public interface ITool
{
    /// <summary>What the tool is and which parameters it takes.</summary>
    ToolDescriptor Descriptor { get; }

    /// <summary>
    /// Runs the tool, yielding events as they happen. The host has already validated
    /// <paramref name="input"/> against <see cref="ToolDescriptor.Parameters"/>.
    /// </summary>
    /// <param name="input">Validated, typed arguments.</param>
    /// <param name="context">Logging, time and destination policy for this run.</param>
    /// <param name="cancellationToken">The only way to stop a tool; honour it promptly.</param>
    IAsyncEnumerable<ToolEvent> RunAsync(ToolInput input, IToolContext context, CancellationToken cancellationToken);
}
