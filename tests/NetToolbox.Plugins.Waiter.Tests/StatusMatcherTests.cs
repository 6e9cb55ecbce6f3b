namespace NetToolbox.Plugins.Waiter.Tests;

public sealed class StatusMatcherTests
{
    [Theory]
    [InlineData("2xx", 200, true)]
    [InlineData("2xx", 299, true)]
    [InlineData("2xx", 302, false)]
    [InlineData("200", 200, true)]
    [InlineData("200", 201, false)]
    [InlineData("200-399", 302, true)]
    [InlineData("200-399", 404, false)]
    [InlineData("200, 204, 5xx", 503, true)]
    [InlineData("200, 204, 5xx", 404, false)]
    public void Matches_Spec_AcceptsExpectedCodes(string spec, int status, bool expected)
    {
        Assert.True(StatusMatcher.TryParse(spec, out var matcher, out var error), error);

        Assert.Equal(expected, matcher.Matches(status));
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("99")]
    [InlineData("600")]
    [InlineData("6xx")]
    [InlineData("399-200")]
    [InlineData("200-")]
    public void TryParse_Invalid_Refuses(string spec)
    {
        Assert.False(StatusMatcher.TryParse(spec, out _, out var error));
        Assert.False(string.IsNullOrEmpty(error));
    }
}
