namespace NetToolbox.Core.Plugins;

/// <summary>A plugin was refused; the message says why in words for the Plugins page.</summary>
public sealed class PluginLoadException : Exception
{
    public PluginLoadException()
    {
    }

    public PluginLoadException(string message)
        : base(message)
    {
    }

    public PluginLoadException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
