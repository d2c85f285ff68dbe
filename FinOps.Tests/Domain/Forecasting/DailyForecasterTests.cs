using FinOps.Domain.Forecasting;

namespace FinOps.Tests.Domain.Forecasting;

public sealed class DailyForecasterTests
{
    // A Monday, so that weekday i of the pattern below is start + i.
    private static readonly DateOnly Start = new(2025, 1, 6);

    private static readonly decimal[] Week = [120m, 130m, 125m, 135m, 110m, 40m, 35m];

    private static decimal[] Repeat(int days, Func<int, decimal> value) => Enumerable.Range(0, days).Select(value).ToArray();

    [Fact]
    public void Forecast_ExactWeeklySeasonality_RepeatsThePatternWithANarrowInterval()
    {
        var history = Repeat(56, d => Week[d % 7]);

        var forecast = new DailyForecaster().Forecast(Start, history, 28)!;

        Assert.Equal(Start.AddDays(56), forecast.Start);
        for (var h = 0; h < 28; h++)
        {
            Assert.InRange(forecast.Days[h], Week[h % 7] - 0.01m, Week[h % 7] + 0.01m);
        }

        var fourWeeks = forecast.Sum(forecast.Start, forecast.Start.AddDays(28));
        Assert.InRange(fourWeeks.Point, 4 * Week.Sum() - 0.1m, 4 * Week.Sum() + 0.1m);
        Assert.True(fourWeeks.High - fourWeeks.Low < 1m, $"an exact pattern leaves no error, yet the interval is {fourWeeks}");
    }

    [Fact]
    public void Forecast_LinearTrendWithSeasonality_ContinuesTheTrend()
    {
        // 500 a day growing by 5 a day, times the weekly pattern's shape (additive: +/- the pattern's deviation).
        var history = Repeat(84, d => 500m + 5m * d + (Week[d % 7] - 100m));

        var forecast = new DailyForecaster().Forecast(Start, history, 14)!;

        for (var h = 0; h < 14; h++)
        {
            var expected = 500m + 5m * (84 + h) + (Week[(84 + h) % 7] - 100m);
            Assert.InRange(forecast.Days[h], expected * 0.99m, expected * 1.01m);
        }
    }

    [Fact]
    public void Forecast_StepChange_FollowsTheNewLevelWithinTwoWeeks()
    {
        // 1,000 a day for 8 weeks, then 1,500 a day for 2 weeks.
        var history = Repeat(70, d => d < 56 ? 1000m : 1500m);

        var forecast = new DailyForecaster().Forecast(Start, history, 7)!;

        Assert.All(forecast.Days, day => Assert.InRange(day, 1400m, 1600m));
    }

    [Fact]
    public void Forecast_NoisySeries_IntervalOfASumWidensWithTheHorizon()
    {
        var series = SyntheticSeries.Growth(seed: 7, Start, 91);

        var forecast = new DailyForecaster().Forecast(Start, series.Values, 60)!;

        var week = forecast.Sum(forecast.Start, forecast.Start.AddDays(7));
        var eightWeeks = forecast.Sum(forecast.Start, forecast.Start.AddDays(56));
        Assert.True(week.Low < week.Point && week.Point < week.High);
        Assert.True((eightWeeks.High - eightWeeks.Low) / eightWeeks.Point > (week.High - week.Low) / week.Point,
            "a longer horizon must be relatively less certain");
        var cumulative = forecast.Cumulative(forecast.Start.AddDays(7));
        Assert.Equal(7, cumulative.Count);
        Assert.Equal(week, cumulative[^1].Cumulative);
    }

    [Fact]
    public void Forecast_TooShortHistory_GivesNoForecast_AndShortHistoryHasNoSeason()
    {
        var forecaster = new DailyForecaster();

        Assert.Null(forecaster.Forecast(Start, [10m, 12m], 5));
        var shortForecast = forecaster.Forecast(Start, [10m, 10m, 10m, 10m, 10m], 3)!;
        Assert.Contains("no season", shortForecast.Description, StringComparison.Ordinal);
        Assert.All(shortForecast.Days, d => Assert.InRange(d, 9.99m, 10.01m));
    }

    [Fact]
    public void Sum_OutsideTheForecast_IsRefused()
    {
        var forecast = new DailyForecaster().Forecast(Start, Repeat(28, d => Week[d % 7]), 7)!;

        Assert.Throws<ArgumentOutOfRangeException>(() => forecast.Sum(forecast.Start, forecast.Start.AddDays(8)));
        Assert.Throws<ArgumentOutOfRangeException>(() => forecast.Sum(forecast.Start.AddDays(-1), forecast.Start.AddDays(2)));
    }

    [Fact]
    public void Backtest_SameWeekdayBaseline_IsExactOnAPurelyWeeklySeries_AndTheRunRateIsNot()
    {
        var from = new DateOnly(2025, 5, 1);
        var start = from.AddDays(-ForecastBacktest.HistoryDays);
        var days = new DateOnly(2025, 8, 1).DayNumber - start.DayNumber;
        var weekly = new BacktestSeries("weekly", start, [.. Enumerable.Range(0, days).Select(d => Week[(int)start.AddDays(d).DayOfWeek])]);

        var scores = ForecastBacktest.Evaluate(weekly, from);

        foreach (var target in new[] { ForecastBacktest.MonthEnd, ForecastBacktest.NextMonth })
        {
            var sameWeekday = scores.Single(s => s.Method == ForecastBacktest.SameWeekday && s.Target == target);
            Assert.True(sameWeekday.Forecasts > 30);
            Assert.Equal(0, sameWeekday.Mape, precision: 12); // each remaining day costs what its weekday cost
            Assert.True(scores.Single(s => s.Method == ForecastBacktest.RunRate && s.Target == target).Mape > 0.001);
        }
    }

    [Fact]
    public void Backtest_OnGeneratedSeries_BeatsTheRunRate_AndTheIntervalCoversAboutEightyPercent()
    {
        var from = new DateOnly(2025, 5, 1);
        var start = from.AddDays(-ForecastBacktest.HistoryDays);
        var days = new DateOnly(2025, 11, 1).DayNumber - start.DayNumber;
        var scores = new[] { SyntheticSeries.Growth(1, start, days), SyntheticSeries.StepChange(1, start, days), SyntheticSeries.Seasonal(1, start, days) }
            .SelectMany(s => ForecastBacktest.Evaluate(s, from))
            .Where(s => s.Target == ForecastBacktest.MonthEnd)
            .ToList();

        foreach (var series in scores.GroupBy(s => s.Series))
        {
            var ours = series.Single(s => s.Method == DailyForecaster.MethodName);
            var runRate = series.Single(s => s.Method == ForecastBacktest.RunRate);
            Assert.True(ours.Mape < runRate.Mape, $"{series.Key}: MAPE {ours.Mape:P2} vs run-rate {runRate.Mape:P2}");
            Assert.InRange(ours.Coverage!.Value, 0.65, 0.95);
        }
    }
}
