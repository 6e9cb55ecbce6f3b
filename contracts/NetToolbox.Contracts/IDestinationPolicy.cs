using System.Net;

namespace NetToolbox.Contracts;

/// <summary>The host's rule for which endpoints a tool may reach or listen on. Tools check before each connect or bind.</summary>
public interface IDestinationPolicy
{
    /// <summary>May the tool open a connection (or send probes) to <paramref name="destination"/>?</summary>
    DestinationDecision CheckConnect(EndPoint destination);

    /// <summary>May the tool listen on <paramref name="local"/>?</summary>
    DestinationDecision CheckListen(EndPoint local);
}

/// <summary>The answer of an <see cref="IDestinationPolicy"/>.</summary>
/// <param name="Allowed">True when the operation is allowed.</param>
/// <param name="Reason">Why it is denied (shown to the user), or null when allowed.</param>
public readonly record struct DestinationDecision(bool Allowed, string? Reason)
{
    /// <summary>An allowing decision.</summary>
    public static DestinationDecision Allow { get; } = new(true, null);

    /// <summary>A denying decision with its reason.</summary>
    public static DestinationDecision Deny(string reason) => new(false, reason);
}
