using FinOps.Domain.Demo;

namespace FinOps.Tests.Domain.Demo;

public sealed class DemoAnomalyTests(DemoHistoryFixture fixture) : IClassFixture<DemoHistoryFixture>
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DemoHistoryFixture.Now.UtcDateTime);
    private static readonly DateOnly CurrentMonth = new(Today.Year, Today.Month, 1);

    [Fact]
    public void Anomalies_json_holds_the_same_list_as_GetAnomalies()
    {
        var file = fixture.Files.Single(f => f.Kind == DemoFileKind.Anomalies);
        var written = DemoDataGenerator.ReadAnomalies(file.Path);
        var expected = fixture.Generator.GetAnomalies(DemoHistoryFixture.Now);
        Assert.Equal(expected.Count, written.Count);
        Assert.Equal(expected.Count, file.Rows);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i] with { Days = [] }, written[i] with { Days = [] });
            Assert.Equal(expected[i].Days, written[i].Days);
        }
    }

    [Fact]
    public void Five_to_eight_spikes_and_drops_lie_in_the_four_complete_months_before_the_current_one()
    {
        var anomalies = fixture.Generator.GetAnomalies(DemoHistoryFixture.Now);
        Assert.InRange(anomalies.Count, 5, 8);
        Assert.Contains(anomalies, a => a.Kind == DemoAnomalyKind.Spike);
        Assert.InRange(anomalies.Count(a => a.Kind == DemoAnomalyKind.Drop), 1, 2);
        Assert.True(anomalies.Select(a => a.ProviderName).Distinct().Count() >= 2);
        Assert.All(anomalies, a =>
        {
            Assert.True(a.FirstDate >= CurrentMonth.AddMonths(-4) && a.LastDate < CurrentMonth, $"{a.Id} {a.FirstDate}..{a.LastDate}");
            Assert.InRange(a.Days.Count, 1, 3);
            Assert.True(Math.Abs(a.Impact) >= 200m, $"{a.Id} impact {a.Impact}");
            if (a.Kind == DemoAnomalyKind.Spike)
            {
                Assert.InRange(a.ActualDailyCost / a.ExpectedDailyCost, 2m, 6m);
            }
            else
            {
                Assert.InRange(a.ActualDailyCost / a.ExpectedDailyCost, 0m, 0.4m);
            }
        });
    }

    [Fact]
    public void Recorded_anomalies_show_in_the_data_against_the_same_weekday_of_surrounding_weeks()
    {
        var anomalies = fixture.Generator.GetAnomalies(DemoHistoryFixture.Now);
        foreach (var anomaly in anomalies)
        {
            var daily = fixture.Charges
                .Where(c => c.ChargeCategory == "Usage" && c.BillingAccountId == anomaly.BillingAccountId
                    && c.SubAccountId == anomaly.SubAccountId && c.ServiceName == anomaly.ServiceName)
                .GroupBy(c => c.ChargeDate)
                .ToDictionary(g => g.Key, g => g.Sum(c => c.EffectiveCost));
            var anomalyDays = anomalies.Where(a => a.SubAccountId == anomaly.SubAccountId && a.ServiceName == anomaly.ServiceName)
                .SelectMany(a => a.Days).Select(d => d.Date).ToHashSet();

            foreach (var day in anomaly.Days)
            {
                Assert.Equal(day.ActualCost, daily[day.Date], 6);
                var references = new[] { -14, -7, 7, 14 }
                    .Select(offset => day.Date.AddDays(offset))
                    .Where(d => !anomalyDays.Contains(d) && daily.ContainsKey(d))
                    .Select(d => daily[d])
                    .Order()
                    .ToList();
                Assert.True(references.Count >= 2, $"{anomaly.Id}: too few reference days");
                var typical = (references[(references.Count - 1) / 2] + references[references.Count / 2]) / 2;
                var observed = (double)(daily[day.Date] / typical);
                var recorded = (double)(day.ActualCost / day.ExpectedCost);
                if (anomaly.Kind == DemoAnomalyKind.Spike)
                {
                    Assert.True(observed >= 1.8, $"{anomaly.Id} {day.Date}: {observed:F2}x the usual cost");
                }
                else
                {
                    Assert.True(observed <= 0.5, $"{anomaly.Id} {day.Date}: {observed:F2}x the usual cost");
                }

                Assert.InRange(observed, recorded * 0.65, recorded * 1.5);
                Assert.InRange((double)(typical / day.ExpectedCost), 0.8, 1.25);
            }
        }
    }

    [Fact]
    public void Anomalies_depend_on_the_month_of_now_not_on_the_day()
    {
        var laterSameMonth = fixture.Generator.GetAnomalies(DemoHistoryFixture.Now.AddDays(9));
        var nextMonth = fixture.Generator.GetAnomalies(DemoHistoryFixture.Now.AddMonths(1));
        Assert.Equal(fixture.Generator.GetAnomalies(DemoHistoryFixture.Now).Select(a => (a.Id, a.FirstDate, a.ServiceName, a.Impact)),
            laterSameMonth.Select(a => (a.Id, a.FirstDate, a.ServiceName, a.Impact)));
        Assert.True(nextMonth[^1].LastDate >= CurrentMonth, "the window moves with the month");
    }
}
