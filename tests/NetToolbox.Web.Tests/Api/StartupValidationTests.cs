using Microsoft.Extensions.Options;

namespace NetToolbox.Web.Tests.Api;

public sealed class StartupValidationTests
{
    [Theory]
    [InlineData("Runs:MaxEventsPerRun", "0", "MaxEventsPerRun")]
    [InlineData("Runs:MaxFinishedRuns", "-5", "MaxFinishedRuns")]
    [InlineData("Plugins:Directory", "", "Directory")]
    public void Start_InvalidSetting_FailsWithAMessageNamingTheSetting(string key, string value, string expected)
    {
        var error = Assert.ThrowsAny<OptionsValidationException>(() =>
        {
            using var app = new WebAppFactory(new Dictionary<string, string> { [key] = value });
        });

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
