using Microsoft.Extensions.Logging;
using NetToolbox.Contracts;

namespace NetToolbox.Core.Runs;

/// <summary>The host's implementation of the contract's per-run context.</summary>
internal sealed record ToolContext(string RunId, ILogger Logger, TimeProvider Time, IDestinationPolicy Destinations, IToolMetrics Metrics) : IToolContext;
