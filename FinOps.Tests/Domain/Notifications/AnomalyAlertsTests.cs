using FinOps.Domain.Anomalies;
using FinOps.Domain.Notifications;

namespace FinOps.Tests.Domain.Notifications;

public sealed class AnomalyAlertsTests
{
    private static Anomaly Spike(SeriesKey series, decimal expected, decimal actual) => Anomaly.From(
        new DetectedAnomaly(series, new DateOnly(2024, 10, 10), AnomalyKind.Spike, expected, actual, actual - expected, 9.5, AnomalyDetector.MethodName, "p",
            "Far above the usual Thursday."),
        new DateTimeOffset(2024, 10, 15, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void AServiceAnomaly_BecomesAnAlert_WithSeverityAmountAndAnExplorerLinkFilteredToItsSeries()
    {
        var anomaly = Spike(SeriesKey.ForService("AWS", "A1", "S 1", "Amazon Elastic Compute Cloud", "USD"), 100m, 1400.125m);

        var alert = AnomalyAlertMessages.From(anomaly);

        Assert.Equal(AlertKind.Anomaly, alert.Kind);
        Assert.Equal(AlertSeverity.Critical, alert.Severity); // High impact
        Assert.Equal("Spike in Amazon Elastic Compute Cloud · S 1 · AWS on 2024-10-10", alert.Title);
        Assert.Equal("Effective cost was 1,400.13 USD against 100.00 expected (+1,300.13 USD). Far above the usual Thursday.", alert.Body);
        Assert.Equal((1300.125m, "USD"), (alert.Amount, alert.Currency));
        Assert.Equal("/explorer?from=2024-09-11&to=2024-10-11&metric=EffectiveCost&granularity=Day&filter=ProviderName%3AAWS&filter=SubAccountId%3AS%201"
            + "&filter=ServiceName%3AAmazon%20Elastic%20Compute%20Cloud", alert.Link);
        Assert.Equal(anomaly.DetectedAt, alert.OccurredAt);
    }

    [Fact]
    public void ATeamAnomaly_LinksToTheTeamTag_AndTheDeduplicationKeyFollowsTheAnomalysIdentity()
    {
        var team = Spike(SeriesKey.ForTeam("data", "EUR"), 100m, 300m);
        var sameAgain = Spike(SeriesKey.ForTeam("data", "EUR"), 100m, 310m);
        var otherTeam = Spike(SeriesKey.ForTeam("web", "EUR"), 100m, 300m);

        var alert = AnomalyAlertMessages.From(team);

        Assert.Equal(AlertSeverity.Info, alert.Severity); // impact 200: Low
        Assert.EndsWith("&filter=Tag%3Ateam%3Ddata", alert.Link, StringComparison.Ordinal);
        Assert.StartsWith("anomaly:2024-10-10:Spike:", alert.DeduplicationKey, StringComparison.Ordinal);
        Assert.Equal(alert.DeduplicationKey, AnomalyAlertMessages.From(sameAgain).DeduplicationKey);
        Assert.NotEqual(alert.DeduplicationKey, AnomalyAlertMessages.From(otherTeam).DeduplicationKey);
        Assert.InRange(alert.DeduplicationKey.Length, 1, AlertOutboxService.MaxDeduplicationKeyLength);
    }

    [Fact]
    public void AServiceAnomalyWithoutSubAccount_LinksToTheRowsWhereItIsEmpty()
    {
        var alert = AnomalyAlertMessages.From(Spike(SeriesKey.ForService("Oracle", "B1", null, "Compute", "USD"), 10m, 900m));

        Assert.EndsWith("&filter=ProviderName%3AOracle&filter=SubAccountId%3A&filter=ServiceName%3ACompute", alert.Link, StringComparison.Ordinal);
    }
}
