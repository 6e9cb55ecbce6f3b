namespace NetToolbox.Plugins.Waiter.Tests;

public sealed class RetryDelayTests
{
    [Fact]
    public void Next_WithoutBackoff_StaysAtInterval()
    {
        var delay = new RetryDelay(TimeSpan.FromMilliseconds(250), backoff: false, TimeSpan.FromSeconds(5));

        Assert.All(Enumerable.Range(0, 5).Select(_ => delay.Next()), d => Assert.Equal(TimeSpan.FromMilliseconds(250), d));
    }

    [Fact]
    public void Next_WithBackoff_DoublesUpToCap()
    {
        var delay = new RetryDelay(TimeSpan.FromMilliseconds(250), backoff: true, TimeSpan.FromSeconds(1.5));

        var pauses = Enumerable.Range(0, 6).Select(_ => delay.Next().TotalMilliseconds).ToArray();

        Assert.Equal([250, 500, 1000, 1500, 1500, 1500], pauses);
    }

    [Fact]
    public void Next_CapBelowInterval_KeepsInterval()
    {
        var delay = new RetryDelay(TimeSpan.FromSeconds(2), backoff: true, TimeSpan.FromSeconds(1));

        Assert.Equal(TimeSpan.FromSeconds(2), delay.Next());
        Assert.Equal(TimeSpan.FromSeconds(2), delay.Next());
    }
}
