using NetToolbox.Contracts;
using NetToolbox.Core.Plugins;

namespace NetToolbox.Core.Tests.Fakes;

/// <summary>An in-memory tool catalog for engine tests: no plugins, no load contexts.</summary>
internal sealed class FakeToolCatalog : IToolCatalog
{
    private readonly Dictionary<string, ToolRegistration> _tools = new(StringComparer.OrdinalIgnoreCase);

    public FakeToolCatalog(params ITool[] tools)
    {
        foreach (var tool in tools)
        {
            _tools[tool.Descriptor.Id] = new ToolRegistration(tool, tool.Descriptor, "fake");
        }
    }

    public IReadOnlyList<ToolRegistration> Tools => [.. _tools.Values];

    public ToolRegistration? Find(string toolId) => _tools.GetValueOrDefault(toolId);
}
