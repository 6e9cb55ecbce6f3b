using NetToolbox.Contracts;

namespace NetToolbox.Cli.Output;

/// <summary>Shows a run's events as they arrive, then its outcome.</summary>
internal interface IEventView
{
    /// <summary>Consumes the events until the stream ends (the run finished) or is cancelled.</summary>
    Task ShowAsync(IAsyncEnumerable<ToolEvent> events, CancellationToken cancellationToken);

    /// <summary>Prints the outcome once the run has ended: its final status (null when unknown).</summary>
    void Complete(string? status);
}

/// <summary>Picks the view: JSON lines, a live terminal view, or plain text for pipes and files.</summary>
internal static class EventViews
{
    public static IEventView Create(bool json, bool verbose) =>
        json ? new JsonLinesView(Console.Out)
        : Terminal.IsInteractive ? new LiveView(verbose)
        : new PlainView(Console.Out, verbose);
}
