using NetToolbox.Plugins.Interfaces.Tests.Support;

namespace NetToolbox.Plugins.Interfaces.Tests;

/// <summary>Its own namespace: interfaces come and go here while the reader reads.</summary>
public sealed class ReaderChurnTests(LabNamespace lab) : IClassFixture<LabNamespace>
{
    private const int ChurnRounds = 25;
    private const int MaxReads = 5000;

    [Fact]
    public async Task Read_InterfacesAppearAndVanishMeanwhile_EverySnapshotIsWhole()
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var churn = Task.Run(
            () =>
            {
                for (var round = 0; round < ChurnRounds && !deadline.IsCancellationRequested; round++)
                {
                    lab.Ip("link", "add", "nt-flap", "type", "veth", "peer", "name", "nt-flap1");
                    lab.Ip("link", "set", "dev", "nt-flap", "up");
                    lab.Ip("addr", "add", "10.79.0.1/24", "dev", "nt-flap");
                    lab.Ip("link", "del", "nt-flap");
                }
            },
            deadline.Token);

        var reads = 0;
        var sawFlap = 0;
        while (!churn.IsCompleted && reads < MaxReads)
        {
            var snapshot = await lab.ReadAsync(deadline.Token);
            reads++;
            Assert.Equal(snapshot.Interfaces.Count, snapshot.Names.Distinct().Count());
            Assert.All([Lab.Veth, Lab.Bridge, Lab.Down, Lab.Tap, Lab.Tun], name => Assert.NotNull(snapshot.Find(name)));
            Assert.Equal(7, snapshot.Find(Lab.Veth)!.Addresses.Count);
            if (snapshot.Find("nt-flap") is not null)
            {
                sawFlap++;
            }
        }

        await churn;
        Assert.True(reads > ChurnRounds, $"only {reads} reads while {ChurnRounds} interfaces came and went");
        Assert.Null((await lab.ReadAsync()).Find("nt-flap"));
        Assert.True(sawFlap > 0, $"no read out of {reads} saw the short-lived interface");
    }
}
