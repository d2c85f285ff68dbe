using Bunit;
using FinOps.Domain.Administration;
using FinOps.Web.Features.Settings;
using Microsoft.Extensions.DependencyInjection;

namespace FinOps.Tests.Components.Settings;

public sealed class ApplicationSettingsTabTests : SettingsTestContext
{
    [Fact]
    public async Task Save_WithAnUnknownTimeZone_ShowsTheErrorOnThatField_AndSavesNothing()
    {
        await SignInAsync("admin@example.com", Roles.Admin);
        var cut = Render<ApplicationSettingsTab>();

        Type(cut, "time-zone", "Mars/Olympus_Mons");
        Type(cut, "retention-months", "13");
        Click(cut, "save-settings");

        cut.WaitForElement("[data-testid='settings-errors']");
        var field = cut.Find("[data-testid='time-zone']").Closest(".mud-input-control")!;
        Assert.Contains("'Mars/Olympus_Mons' is not a known time zone", field.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("not a known time zone", cut.Find("[data-testid='retention-months']").Closest(".mud-input-control")!.TextContent,
            StringComparison.Ordinal);
        var stored = await Services.GetRequiredService<ApplicationSettingsService>().GetAsync(CancellationToken.None);
        Assert.Equal(new ApplicationSettings().TimeZone, stored.TimeZone);
        Assert.Equal(0, stored.LineItemRetentionMonths);
    }

    [Fact]
    public async Task Save_ValidSettingsWithAProviderOverride_AreStored()
    {
        await SignInAsync("admin@example.com", Roles.Admin);
        var cut = Render<ApplicationSettingsTab>();

        Type(cut, "time-zone", "Europe/Berlin");
        Type(cut, "currency-format", "N0");
        Type(cut, "default-staleness", "48");
        Click(cut, "add-override");
        Type(cut, "override-provider", "Oracle");
        Type(cut, "override-hours", "800");
        Click(cut, "save-settings");

        var service = Services.GetRequiredService<ApplicationSettingsService>();
        await cut.WaitForAssertionAsync(async () =>
        {
            var stored = await service.GetAsync(CancellationToken.None);
            Assert.Equal("Europe/Berlin", stored.TimeZone);
            Assert.Equal("N0", stored.CurrencyFormat);
            Assert.Equal(48, stored.DefaultStalenessHours);
            Assert.Equal(800, stored.StalenessHoursByProvider["Oracle"]);
        });
        Assert.Empty(cut.FindAll("[data-testid='settings-errors']"));
    }
}
