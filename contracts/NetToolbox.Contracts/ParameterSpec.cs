namespace NetToolbox.Contracts;

/// <summary>One parameter of a tool. The host builds forms, validation, REST and CLI binding from it.</summary>
public sealed record ParameterSpec
{
    /// <summary>Machine name used as the JSON property and CLI option (camelCase, e.g. <c>targetHost</c>).</summary>
    public required string Name { get; init; }

    /// <summary>Human label for forms.</summary>
    public required string Label { get; init; }

    /// <summary>The kind of value, which decides parsing and the input control.</summary>
    public required ParameterKind Kind { get; init; }

    /// <summary>Whether a value must be given (a default also satisfies it).</summary>
    public bool Required { get; init; }

    /// <summary>Default value in its text form (as a user would type it), or null for none.</summary>
    public string? Default { get; init; }

    /// <summary>
    /// Lower bound: the value for <see cref="ParameterKind.Integer"/> and <see cref="ParameterKind.Port"/>,
    /// seconds for <see cref="ParameterKind.Duration"/>, characters for <see cref="ParameterKind.Text"/>.
    /// </summary>
    public double? Min { get; init; }

    /// <summary>Upper bound, in the same unit as <see cref="Min"/>.</summary>
    public double? Max { get; init; }

    /// <summary>The allowed values of a <see cref="ParameterKind.Choice"/> parameter.</summary>
    public IReadOnlyList<string>? Choices { get; init; }

    /// <summary>Help text shown under the input and in CLI help.</summary>
    public string? Help { get; init; }
}
