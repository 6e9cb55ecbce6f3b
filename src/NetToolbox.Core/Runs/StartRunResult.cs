namespace NetToolbox.Core.Runs;

/// <summary>Why a start request did not start a run, or that it did.</summary>
public enum StartRunOutcome
{
    /// <summary>The run was created and is starting.</summary>
    Started,

    /// <summary>No tool has that id.</summary>
    UnknownTool,

    /// <summary>Arguments failed validation; see <see cref="StartRunResult.Errors"/>.</summary>
    InvalidArguments,

    /// <summary>Too many runs are active.</summary>
    TooManyRuns,
}

/// <summary>The answer to a start request.</summary>
/// <param name="Outcome">What happened.</param>
/// <param name="Run">The new run when started.</param>
/// <param name="Errors">Messages per field when arguments were invalid.</param>
public sealed record StartRunResult(StartRunOutcome Outcome, Run? Run, IReadOnlyDictionary<string, string[]> Errors)
{
    internal static StartRunResult Started(Run run) => new(StartRunOutcome.Started, run, new Dictionary<string, string[]>());

    internal static StartRunResult Refused(StartRunOutcome outcome, IReadOnlyDictionary<string, string[]>? errors = null) =>
        new(outcome, null, errors ?? new Dictionary<string, string[]>());
}
