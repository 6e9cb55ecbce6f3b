using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using NetToolbox.Contracts;
using Newtonsoft.Json;

namespace NetToolbox.TestPlugins.JsonOld;

/// <summary>
/// Serializes a small object with Newtonsoft.Json 12 and reports which Newtonsoft.Json its load context gave it
/// (<c>newtonsoftVersion</c> in the result data), so a test can see two versions side by side in one host.
/// </summary>
public sealed class JsonOldTool : ITool
{
    /// <inheritdoc />
    public ToolDescriptor Descriptor { get; } = new()
    {
        Id = "json-old",
        Name = "Json old",
        Description = "Test tool: serializes with Newtonsoft.Json 12 and reports the version it loaded.",
        Category = "Test",
    };

    /// <inheritdoc />
    public async IAsyncEnumerable<ToolEvent> RunAsync(ToolInput input, IToolContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Yield();
        cancellationToken.ThrowIfCancellationRequested();
        var json = JsonConvert.SerializeObject(new Dictionary<string, object> { ["plugin"] = "json-old", ["answer"] = 42 });
        var version = typeof(JsonConvert).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
        yield return new ResultEvent(true, "Newtonsoft.Json " + version, new JsonObject
        {
            ["newtonsoftVersion"] = version,
            ["serialized"] = json,
        });
    }
}
