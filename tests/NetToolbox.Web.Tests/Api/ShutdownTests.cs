using Microsoft.Extensions.DependencyInjection;
using NetToolbox.Core.Runs;

namespace NetToolbox.Web.Tests.Api;

public sealed class ShutdownTests
{
    [Fact]
    public async Task StopHost_RunningRun_IsCancelledBeforeTheHostEnds()
    {
        var app = new WebAppFactory();
        Run run;
        try
        {
            using var client = app.CreateClient();
            var runId = await WebAppFactory.StartRunAsync(client, "ticker", new { count = 1_000_000, interval = "20ms" });
            await WebAppFactory.WaitForStatusAsync(client, runId, "running", TimeSpan.FromSeconds(15));
            run = app.Services.GetRequiredService<RunService>().Find(runId)!;
        }
        finally
        {
            await app.DisposeAsync();
        }

        Assert.Equal(RunStatus.Cancelled, run.Status);
        Assert.True(run.Completion.IsCompleted);
    }
}
