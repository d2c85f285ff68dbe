using FinOps.Domain.Common;
using FinOps.Domain.Notifications;
using FinOps.Tests.Components.Pages;
using FinOps.Web.Jobs;
using FinOps.Web.Realtime;
using Hangfire.States;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Logging.Abstractions;

namespace FinOps.Tests.Web;

public sealed class AlertDeliveryTriggerTests
{
    private readonly Notifier<AlertDeliveryRequested> _requested = new();
    private readonly RecordingJobClient _jobs = new();

    private AlertDeliveryTrigger NewTrigger() => new(_requested, _jobs, NullLogger<AlertDeliveryTrigger>.Instance);

    [Fact]
    public async Task ABurstOfAlerts_EnqueuesOneImmediateDeliveryRun_AndAnotherOnceItStarted()
    {
        using var trigger = NewTrigger();
        await trigger.StartAsync(CancellationToken.None);

        for (var i = 0; i < 20; i++)
        {
            await _requested.PublishAsync(new AlertDeliveryRequested());
        }

        var job = Assert.Single(_jobs.Created);
        Assert.Equal((typeof(AlertDeliveryJob), nameof(AlertDeliveryJob.RunAsync)), (job.Type, job.Method.Name));
        Assert.IsType<EnqueuedState>(Assert.Single(_jobs.States)); // now, not delayed

        trigger.MarkStarted();
        await _requested.PublishAsync(new AlertDeliveryRequested());
        Assert.Equal(2, _jobs.Created.Count);
    }

    [Fact]
    public async Task Stop_Unsubscribes()
    {
        using var trigger = NewTrigger();
        await trigger.StartAsync(CancellationToken.None);

        await trigger.StopAsync(CancellationToken.None);

        Assert.Equal(0, _requested.SubscriberCount);
    }

    [Fact]
    public async Task TheAlertsHub_ReceivesEveryInAppAlert_AsAlertRaised()
    {
        var raised = new Notifier<AlertRaised>();
        var hub = new RecordingHubContext();
        using var broadcaster = new AlertsBroadcaster(new Notifier<FinOps.Domain.Anomalies.AnomaliesDetected>(), raised, hub, NullLogger<AlertsBroadcaster>.Instance);
        await broadcaster.StartAsync(CancellationToken.None);
        var alert = new AlertMessage(AlertKind.Budget, AlertSeverity.Critical, "Budget 'Data' exceeded", "Spent 12,000.00 USD.", "/budgets/3", 12_000m, "USD",
            new DateTimeOffset(2024, 10, 15, 12, 0, 0, TimeSpan.Zero), "budget:3");

        await raised.PublishAsync(new AlertRaised(42, alert, IsTest: false));

        var (method, args) = Assert.Single(hub.Sent);
        Assert.Equal(AlertsHub.AlertRaisedMethod, method);
        Assert.Equal(new AlertNotice(42, AlertKind.Budget, AlertSeverity.Critical, "Budget 'Data' exceeded", "Spent 12,000.00 USD.", "/budgets/3", 12_000m, "USD",
            alert.OccurredAt, false), Assert.Single(args));
    }

    private sealed class RecordingHubContext : IHubContext<AlertsHub>
    {
        private readonly RecordingClients _clients = new();

        public List<(string Method, object?[] Args)> Sent => _clients.Sent;

        public IHubClients Clients => _clients;

        public IGroupManager Groups => throw new NotSupportedException();
    }

    private sealed class RecordingClients : IHubClients, IClientProxy
    {
        public List<(string Method, object?[] Args)> Sent { get; } = [];

        public IClientProxy All => this;

        public Task SendCoreAsync(string method, object?[] args, CancellationToken cancellationToken = default)
        {
            Sent.Add((method, args));
            return Task.CompletedTask;
        }

        public IClientProxy AllExcept(IReadOnlyList<string> excludedConnectionIds) => this;

        public IClientProxy Client(string connectionId) => this;

        public IClientProxy Clients(IReadOnlyList<string> connectionIds) => this;

        public IClientProxy Group(string groupName) => this;

        public IClientProxy GroupExcept(string groupName, IReadOnlyList<string> excludedConnectionIds) => this;

        public IClientProxy Groups(IReadOnlyList<string> groupNames) => this;

        public IClientProxy User(string userId) => this;

        public IClientProxy Users(IReadOnlyList<string> userIds) => this;
    }
}
