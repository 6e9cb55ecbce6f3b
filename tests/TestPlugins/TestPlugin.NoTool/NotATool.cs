using NetToolbox.Contracts;

namespace NetToolbox.TestPlugins.NoTool;

/// <summary>Uses the contract but implements no <see cref="ITool"/>: the catalog must list the plugin as failed.</summary>
public static class NotATool
{
    /// <summary>Something that touches the contract, so the assembly really references it.</summary>
    public static ToolEvent Describe() => new LogEvent(LogEventLevel.Info, "not a tool");
}
