using Bunit;
using FinOps.Domain.Administration;
using FinOps.Web.Features.Settings;

namespace FinOps.Tests.Components.Settings;

public sealed class SettingsPageTests : SettingsTestContext
{
    private static readonly string[] AdminTabs = ["My API tokens", "Users", "Kiosk links", "Application", "Notifications", "Audit log"];

    private string[] TabTitles(IRenderedComponent<SettingsPage> cut) =>
        cut.FindAll(".mud-tab").Select(t => t.TextContent.Trim()).ToArray();

    [Theory]
    [InlineData(Roles.Viewer)]
    [InlineData(Roles.Analyst)]
    public async Task SettingsPage_NonAdministrator_SeesOnlyMyApiTokens(string role)
    {
        await SignInAsync("someone@example.com", role);

        var cut = Render<SettingsPage>();

        Assert.Equal(["My API tokens"], TabTitles(cut));
        Assert.NotEmpty(cut.FindAll("[data-testid='my-tokens']"));
        Assert.Empty(cut.FindAll("[data-testid='users']"));
    }

    [Fact]
    public async Task SettingsPage_Administrator_SeesAllTabsAndCanOpenEach()
    {
        await SignInAsync("admin@example.com", Roles.Admin);

        var cut = Render<SettingsPage>();

        Assert.Equal(AdminTabs, TabTitles(cut));
        var panels = new Dictionary<string, string>
        {
            ["Users"] = "users",
            ["Kiosk links"] = "kiosk-links",
            ["Application"] = "app-settings",
            ["Notifications"] = "channels",
            ["Audit log"] = "audit-log",
            ["My API tokens"] = "my-tokens",
        };
        foreach (var (title, testId) in panels)
        {
            cut.FindAll(".mud-tab").Single(t => t.TextContent.Trim() == title).Click();
            cut.WaitForElement($"[data-testid='{testId}']");
        }
    }

    [Fact]
    public async Task AdminTabs_RenderedForAViewer_RefuseAndShowNothing()
    {
        await SignInAsync("viewer@example.com", Roles.Viewer);

        var users = Render<UsersTab>();
        var kiosks = Render<KioskLinksTab>();
        var settings = Render<ApplicationSettingsTab>();
        var audit = Render<AuditLogTab>();

        users.Find("[data-testid='users-denied']");
        Assert.Empty(users.FindAll("[data-testid='user-row']"));
        kiosks.Find("[data-testid='kiosk-denied']");
        settings.Find("[data-testid='app-settings-denied']");
        audit.Find("[data-testid='audit-denied']");
        Assert.Empty(audit.FindAll("[data-testid='audit-row']"));
    }
}
