using System.Text.Json;
using NetToolbox.Contracts;

namespace NetToolbox.Cli.Output;

/// <summary><c>--json</c>: one event per line, exactly as the REST API shows it (<c>seq</c>, <c>type</c>, <c>at</c>, ...), for scripts and jq.</summary>
internal sealed class JsonLinesView(TextWriter output) : IEventView
{
    public async Task ShowAsync(IAsyncEnumerable<ToolEvent> events, CancellationToken cancellationToken)
    {
        await foreach (var item in events.WithCancellation(cancellationToken))
        {
            await output.WriteLineAsync(JsonSerializer.Serialize(item, EventJson.Options));
            await output.FlushAsync(cancellationToken);
        }
    }

    public void Complete(string? status)
    {
        // The result event already said it; the exit code says it again.
    }
}
