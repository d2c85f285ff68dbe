using Bunit;
using FinOps.Domain.Administration;
using FinOps.Web.Features.Settings;

namespace FinOps.Tests.Components.Settings;

public sealed class AuditLogTabTests : SettingsTestContext
{
    [Fact]
    public async Task AuditLog_ListsEntriesOfEarlierActionsNewestFirst_AndFiltersByText()
    {
        await SignInAsync("admin@example.com", Roles.Admin); // user.created
        Time.Advance(TimeSpan.FromMinutes(5));
        var tokens = Render<ApiTokensTab>();
        Type(tokens, "token-name", "exporter");
        Click(tokens, "create-token"); // token.created
        tokens.WaitForElement("[data-testid='new-token']");
        Time.Advance(TimeSpan.FromMinutes(5));
        var kiosks = Render<KioskLinksTab>();
        Type(kiosks, "kiosk-name", "Ops room TV");
        Click(kiosks, "create-kiosk"); // kiosk.created
        kiosks.WaitForElement("[data-testid='new-kiosk']");

        var cut = Render<AuditLogTab>();

        var actions = cut.FindAll("[data-testid='audit-row']").Select(r => r.GetAttribute("data-action")).ToList();
        Assert.Equal(["kiosk.created", "token.created", "user.created"], actions);
        var newest = cut.Find("[data-testid='audit-row']");
        Assert.Contains("2024-10-15 12:10 UTC", newest.TextContent, StringComparison.Ordinal);
        Assert.Contains("admin@example.com", newest.TextContent, StringComparison.Ordinal);
        Assert.Contains("Kiosk link 'Ops room TV' created", newest.TextContent, StringComparison.Ordinal);

        Input(cut, "audit-text").Input("token"); // the search box updates as you type (Enter searches)
        Click(cut, "audit-search");

        cut.WaitForAssertion(() => Assert.Equal(["token.created"],
            cut.FindAll("[data-testid='audit-row']").Select(r => r.GetAttribute("data-action")).ToList()));
    }

    [Fact]
    public async Task AuditLog_ExpandsAnEntryToShowOldAndNewValues()
    {
        await SignInAsync("admin@example.com", Roles.Admin);
        var settings = Render<ApplicationSettingsTab>();
        Type(settings, "time-zone", "Europe/Berlin");
        Click(settings, "save-settings");

        var cut = Render<AuditLogTab>();
        cut.WaitForAssertion(() => Assert.Equal("settings.changed", cut.Find("[data-testid='audit-row']").GetAttribute("data-action")));
        Assert.Empty(cut.FindAll("[data-testid='audit-values']"));

        cut.Find("[data-testid='audit-row'] [data-testid='audit-expand']").Click();

        var values = cut.Find("[data-testid='audit-values']").TextContent;
        Assert.Contains("\"TimeZone\": \"Europe/Berlin\"", values, StringComparison.Ordinal);
    }
}
