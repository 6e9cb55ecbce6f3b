namespace NetToolbox.Contracts;

/// <summary>
/// The version of this contract. A host refuses a plugin compiled against a different
/// <see cref="Major"/> version, naming both versions in the error.
/// </summary>
public static class ContractVersion
{
    /// <summary>The compatibility line: plugins and host must agree on it.</summary>
    public const int Major = 1;

    /// <summary>The full version of the contract assembly this code was compiled into.</summary>
    public static Version Current => typeof(ContractVersion).Assembly.GetName().Version ?? new Version(Major, 0);
}
