using NetToolbox.Contracts;

namespace NetToolbox.TestPlugins.WrongContract;

/// <summary>A valid tool, but compiled against contract 2.0.0: a host with contract 1.x must refuse it naming both versions.</summary>
public sealed class WrongContractTool : ITool
{
    /// <inheritdoc />
    public ToolDescriptor Descriptor { get; } = new()
    {
        Id = "wrong-contract",
        Name = "Wrong contract",
        Description = "Test tool built against another contract major version.",
        Category = "Test",
    };

    /// <inheritdoc />
    public IAsyncEnumerable<ToolEvent> RunAsync(ToolInput input, IToolContext context, CancellationToken cancellationToken) =>
        AsyncEnumerable.Empty<ToolEvent>();
}
