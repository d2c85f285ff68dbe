using FinOps.Domain.Costs.Explorer;

namespace FinOps.Tests.Domain.Costs.Explorer;

public sealed class DatePresetTests
{
    [Theory]
    [InlineData("this-month", "2024-11-01", "2024-11-21")]
    [InlineData("last-month", "2024-10-01", "2024-11-01")]
    [InlineData("last-30-days", "2024-10-22", "2024-11-21")]
    [InlineData("last-90-days", "2024-08-23", "2024-11-21")]
    [InlineData("this-quarter", "2024-10-01", "2024-11-21")]
    [InlineData("year-to-date", "2024-01-01", "2024-11-21")]
    [InlineData("last-12-months", "2023-12-01", "2024-11-21")]
    public void Resolve_OnWednesday20November2024_GivesTheRangeEndingTodayInclusive(string key, string from, string to)
    {
        Assert.True(DatePreset.TryFind(key, out var preset));

        var range = preset.Resolve(new DateOnly(2024, 11, 20));

        Assert.Equal((DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(to, System.Globalization.CultureInfo.InvariantCulture)), range);
    }

    [Fact]
    public void Last30Days_IsThirtyDays_AndThePreviousPeriodIsTheThirtyBefore()
    {
        var (from, to) = DatePreset.Last30Days.Resolve(new DateOnly(2024, 3, 1));
        var state = new ExplorerState { From = from, To = to };

        Assert.Equal(30, state.Days);
        Assert.Equal((from.AddDays(-30), from), state.PreviousPeriod);
    }

    [Fact]
    public void LastMonth_InJanuary_IsDecemberOfThePreviousYear()
    {
        Assert.Equal((new DateOnly(2023, 12, 1), new DateOnly(2024, 1, 1)), DatePreset.LastMonth.Resolve(new DateOnly(2024, 1, 31)));
    }
}
