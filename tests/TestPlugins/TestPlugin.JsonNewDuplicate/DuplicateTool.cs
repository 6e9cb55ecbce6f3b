using NetToolbox.Contracts;

namespace NetToolbox.TestPlugins.JsonNewDuplicate;

/// <summary>Claims the id <c>json-new</c>, which TestPlugin.JsonNew already provides: the catalog must refuse this plugin.</summary>
public sealed class DuplicateTool : ITool
{
    /// <inheritdoc />
    public ToolDescriptor Descriptor { get; } = new()
    {
        Id = "json-new",
        Name = "Duplicate of json-new",
        Description = "Test tool whose id collides with another plugin's.",
        Category = "Test",
    };

    /// <inheritdoc />
    public IAsyncEnumerable<ToolEvent> RunAsync(ToolInput input, IToolContext context, CancellationToken cancellationToken) =>
        AsyncEnumerable.Empty<ToolEvent>();
}
