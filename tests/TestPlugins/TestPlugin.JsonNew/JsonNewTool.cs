using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using NetToolbox.Contracts;
using Newtonsoft.Json;

namespace NetToolbox.TestPlugins.JsonNew;

/// <summary>
/// Serializes a small object with Newtonsoft.Json 13 and reports which Newtonsoft.Json its load context gave it
/// (<c>newtonsoftVersion</c> in the result data), so a test can see two versions side by side in one host. It also
/// reports three metrics (<c>serialized</c>, <c>busy</c>, <c>size</c>) through the context.
/// </summary>
public sealed class JsonNewTool : ITool
{
    /// <inheritdoc />
    public ToolDescriptor Descriptor { get; } = new()
    {
        Id = "json-new",
        Name = "Json new",
        Description = "Test tool: serializes with Newtonsoft.Json 13 and reports the version it loaded.",
        Category = "Test",
    };

    /// <inheritdoc />
    public async IAsyncEnumerable<ToolEvent> RunAsync(ToolInput input, IToolContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Yield();
        cancellationToken.ThrowIfCancellationRequested();
        var json = JsonConvert.SerializeObject(new Dictionary<string, object> { ["plugin"] = "json-new", ["answer"] = 42 });
        // Metrics through the contract, so the unload tests prove they do not pin the load context.
        context.Metrics.Count("serialized", 1, "{object}", ("library", "newtonsoft"));
        context.Metrics.Adjust("busy", 1);
        context.Metrics.Record("size", json.Length, "By");
        var version = typeof(JsonConvert).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
        yield return new ResultEvent(true, "Newtonsoft.Json " + version, new JsonObject
        {
            ["newtonsoftVersion"] = version,
            ["serialized"] = json,
        });
    }
}
