using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using NetToolbox.Contracts;

namespace NetToolbox.Testing;

/// <summary>A tool context for running a tool directly in a test, without the host.</summary>
public sealed class TestToolContext : IToolContext, IDestinationPolicy
{
    /// <summary>Creates a context with the system clock and an allow-all policy unless told otherwise.</summary>
    public TestToolContext(TimeProvider? time = null, Func<EndPoint, DestinationDecision>? connectPolicy = null)
    {
        Time = time ?? TimeProvider.System;
        ConnectPolicy = connectPolicy ?? (_ => DestinationDecision.Allow);
    }

    /// <inheritdoc />
    public string RunId { get; } = "test-" + Guid.NewGuid().ToString("N")[..8];

    /// <inheritdoc />
    public ILogger Logger { get; init; } = NullLogger.Instance;

    /// <inheritdoc />
    public TimeProvider Time { get; }

    /// <inheritdoc />
    public IDestinationPolicy Destinations => this;

    /// <summary>Every metric the tool reported, for assertions.</summary>
    public TestToolMetrics Metrics { get; } = new();

    /// <inheritdoc />
    IToolMetrics IToolContext.Metrics => Metrics;

    /// <summary>The rule used for connect and listen checks.</summary>
    public Func<EndPoint, DestinationDecision> ConnectPolicy { get; }

    /// <inheritdoc />
    public DestinationDecision CheckConnect(EndPoint destination) => ConnectPolicy(destination);

    /// <inheritdoc />
    public DestinationDecision CheckListen(EndPoint local) => ConnectPolicy(local);
}
