using NetToolbox.Contracts;

namespace NetToolbox.Contracts.Tests;

public sealed class ToolInputTests
{
    private static readonly ToolInput Input = new(new Dictionary<string, object> { ["count"] = 3L, ["host"] = "::1" });

    [Fact]
    public void Get_PresentValue_ReturnsIt()
    {
        Assert.Equal(3L, Input.Get<long>("count"));
        Assert.Equal("::1", Input.GetString("host"));
        Assert.True(Input.Has("count"));
    }

    [Fact]
    public void Get_AbsentValue_ReturnsFallbackOrThrowsNamingIt()
    {
        Assert.False(Input.Has("port"));
        Assert.Equal(22, Input.Get("port", 22));
        Assert.Null(Input.GetString("port"));
        var error = Assert.Throws<KeyNotFoundException>(() => Input.Get<int>("port"));
        Assert.Contains("'port'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Get_WrongType_ThrowsInvalidCast()
    {
        Assert.Throws<InvalidCastException>(() => Input.Get<int>("count"));
    }
}
