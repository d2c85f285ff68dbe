using FinOps.Domain.Common;
using FinOps.Web.Realtime;

namespace FinOps.Tests.Web;

public sealed class LiveRefreshTests
{
    [Fact]
    public async Task ReloadThenRender_ABurstOfEvents_ReloadsOnceThenRenders_AndDisposingUnsubscribes()
    {
        var notifier = new Notifier<int>();
        var steps = new List<string>();
        var rendered = new TaskCompletionSource();
        var live = LiveRefresh.ReloadThenRender(work => work(), _ => Task.CompletedTask,
            () =>
            {
                steps.Add("reload");
                return Task.CompletedTask;
            },
            () =>
            {
                steps.Add("render");
                rendered.TrySetResult();
            },
            TimeSpan.FromMilliseconds(50));
        live.Watch(notifier);

        await notifier.PublishAsync(1);
        await notifier.PublishAsync(2);
        await notifier.PublishAsync(3);
        await rendered.Task.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(["reload", "render"], steps);
        for (var wait = 0; live.ReloadCount == 0 && wait < 100; wait++)
        {
            await Task.Delay(50); // counted once the refresh has returned
        }

        Assert.Equal(1, live.ReloadCount);
        Assert.Equal(["reload", "render"], steps); // the burst caused no second refresh
        Assert.Equal(1, notifier.SubscriberCount);
        live.Dispose();
        Assert.Equal(0, notifier.SubscriberCount);
    }
}
