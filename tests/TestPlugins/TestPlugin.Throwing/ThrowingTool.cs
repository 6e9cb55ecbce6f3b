using NetToolbox.Contracts;

namespace NetToolbox.TestPlugins.Throwing;

/// <summary>A tool whose constructor throws: the catalog must list the plugin as failed with this message.</summary>
public sealed class ThrowingTool : ITool
{
    /// <summary>The message of the exception the constructor throws.</summary>
    public const string Message = "ThrowingTool refuses to be constructed";

    /// <summary>Always throws <see cref="InvalidOperationException"/>.</summary>
    public ThrowingTool() => throw new InvalidOperationException(Message);

    /// <inheritdoc />
    public ToolDescriptor Descriptor => throw new InvalidOperationException(Message);

    /// <inheritdoc />
    public IAsyncEnumerable<ToolEvent> RunAsync(ToolInput input, IToolContext context, CancellationToken cancellationToken) =>
        throw new InvalidOperationException(Message);
}
