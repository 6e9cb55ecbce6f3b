using NetToolbox.Contracts;

namespace NetToolbox.Core.Tests.Fakes;

/// <summary>A tool whose run is a lambda, so each engine test states exactly what its tool does.</summary>
internal sealed class DelegateTool(
    string id,
    Func<ToolInput, IToolContext, CancellationToken, IAsyncEnumerable<ToolEvent>> run,
    params ParameterSpec[] parameters) : ITool
{
    public ToolDescriptor Descriptor { get; } = new()
    {
        Id = id,
        Name = id,
        Description = "engine test tool " + id,
        Parameters = parameters,
    };

    public IAsyncEnumerable<ToolEvent> RunAsync(ToolInput input, IToolContext context, CancellationToken cancellationToken) =>
        run(input, context, cancellationToken);
}
