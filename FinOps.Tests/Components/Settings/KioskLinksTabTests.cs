using Bunit;
using FinOps.Domain.Administration;
using FinOps.Web.Features.Settings;
using Microsoft.EntityFrameworkCore;

namespace FinOps.Tests.Components.Settings;

public sealed class KioskLinksTabTests : SettingsTestContext
{
    [Fact]
    public async Task CreateKioskLink_ShowsTheFullUrlOnce_AndListsTheScreen()
    {
        await SignInAsync("admin@example.com", Roles.Admin);
        var cut = Render<KioskLinksTab>();

        Type(cut, "kiosk-name", "Ops room TV");
        Click(cut, "create-kiosk");

        var url = cut.WaitForElement("[data-testid='new-kiosk-value']").TextContent.Trim();
        Assert.StartsWith("http://localhost/kiosk/kiosk_", url, StringComparison.Ordinal);
        var row = cut.Find("[data-testid='kiosk-row']");
        Assert.Contains("Ops room TV", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("admin@example.com", row.TextContent, StringComparison.Ordinal);
        Assert.Equal("active", row.GetAttribute("data-status"));

        await using var db = await NewDbAsync();
        var stored = await db.KioskLinks.SingleAsync();
        Assert.Equal(SecretTokens.Hash(url["http://localhost/kiosk/".Length..]), stored.TokenHash);
        Assert.DoesNotContain(url, Render<KioskLinksTab>().Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RevokeKioskLink_AfterConfirmation_MarksItRevoked()
    {
        await SignInAsync("admin@example.com", Roles.Admin);
        var cut = Render<KioskLinksTab>();
        Type(cut, "kiosk-name", "Lobby");
        Click(cut, "create-kiosk");
        cut.WaitForElement("[data-testid='new-kiosk']");

        Click(cut, "revoke-kiosk");
        Confirm("Revoke");

        cut.WaitForAssertion(() => Assert.Equal("revoked", cut.Find("[data-testid='kiosk-row']").GetAttribute("data-status")));
    }
}
