using NetToolbox.Core.Validation;

namespace NetToolbox.Core.Tests.Validation;

public sealed class DurationParserTests
{
    public static TheoryData<TimeSpan> Durations =>
    [
        TimeSpan.Zero,
        TimeSpan.FromTicks(1),
        TimeSpan.FromMilliseconds(1),
        TimeSpan.FromMilliseconds(250),
        TimeSpan.FromSeconds(5),
        TimeSpan.FromSeconds(90.5),
        TimeSpan.FromHours(1) + TimeSpan.FromMinutes(2) + TimeSpan.FromSeconds(3),
        TimeSpan.FromDays(3) + TimeSpan.FromMilliseconds(7),
        TimeSpan.FromDays(10_000),
    ];

    [Theory]
    [MemberData(nameof(Durations))]
    public void Format_ThenTryParse_RoundTrips(TimeSpan value)
    {
        var text = DurationParser.Format(value);

        Assert.StartsWith("P", text, StringComparison.Ordinal);
        Assert.True(DurationParser.TryParse(text, out var parsed), text);
        Assert.Equal(value, parsed);
    }

    [Theory]
    [MemberData(nameof(Durations))]
    public void TryParse_ConstantFormat_RoundTrips(TimeSpan value)
    {
        Assert.True(DurationParser.TryParse(value.ToString("c", System.Globalization.CultureInfo.InvariantCulture), out var parsed));
        Assert.Equal(value, parsed);
    }

    [Fact]
    public void Format_QuarterSecond_IsIso()
    {
        Assert.Equal("PT0.25S", DurationParser.Format(TimeSpan.FromMilliseconds(250)));
    }

    [Theory]
    [InlineData("250MS", 250)]
    [InlineData(" 5s ", 5_000)]
    [InlineData("0.5m", 30_000)]
    [InlineData("PT0S", 0)]
    [InlineData("P1DT1H", 90_000_000)]
    public void TryParse_OtherSpellings_Parse(string text, double expectedMs)
    {
        Assert.True(DurationParser.TryParse(text, out var parsed));
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), parsed);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("ms")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("1e300")]
    [InlineData("1e300ms")]
    [InlineData("-1e300h")]
    [InlineData("P99999999999D")]
    [InlineData("P10675200D")]
    [InlineData("PT256204779H")]
    public void TryParse_NonsenseOrOutOfRange_ReturnsFalseWithoutThrowing(string? text)
    {
        Assert.False(DurationParser.TryParse(text, out var parsed));
        Assert.Null(parsed);
    }
}
