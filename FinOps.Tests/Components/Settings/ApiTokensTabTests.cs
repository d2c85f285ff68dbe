using Bunit;
using FinOps.Domain.Administration;
using FinOps.Tests.Support;
using FinOps.Web.Features.Settings;
using Microsoft.EntityFrameworkCore;

namespace FinOps.Tests.Components.Settings;

public sealed class ApiTokensTabTests : SettingsTestContext
{
    [Fact]
    public async Task CreateToken_ShowsTheSecretOnceWithCurlExample_ListsIt_AndStoresOnlyItsHash()
    {
        var userId = await SignInAsync("analyst@example.com", Roles.Analyst);
        var cut = Render<ApiTokensTab>();

        Type(cut, "token-name", "nightly export");
        Click(cut, "create-token");

        var secret = cut.WaitForElement("[data-testid='new-token-value']").TextContent.Trim();
        Assert.StartsWith("fo_", secret, StringComparison.Ordinal);
        var example = cut.Find("[data-testid='new-token-example']").TextContent;
        Assert.Contains($"Authorization: Bearer {secret}", example, StringComparison.Ordinal);
        Assert.Contains("http://localhost/api/v1/costs?from=2024-10-01&to=2024-10-16", example, StringComparison.Ordinal);

        var row = cut.Find("[data-testid='token-row']");
        Assert.Contains("nightly export", row.TextContent, StringComparison.Ordinal);
        Assert.Contains(secret[..9], row.TextContent, StringComparison.Ordinal);
        Assert.Contains("read-only", row.TextContent, StringComparison.Ordinal);
        Assert.Equal("active", row.GetAttribute("data-status"));
        Assert.DoesNotContain(secret, row.TextContent, StringComparison.Ordinal);

        await using (var db = await NewDbAsync())
        {
            var stored = await db.ApiTokens.SingleAsync();
            Assert.Equal(userId, stored.OwnerUserId);
            Assert.NotEqual(secret, stored.TokenHash);
            Assert.Equal(SecretTokens.Hash(secret), stored.TokenHash);
        }

        // Dismissed, or opened again: the secret is gone for good.
        cut.Find("[data-testid='new-token'] .mud-alert-close button").Click();
        Assert.DoesNotContain(secret, cut.Markup, StringComparison.Ordinal);
        var again = Render<ApiTokensTab>();
        Assert.DoesNotContain(secret, again.Markup, StringComparison.Ordinal);
        Assert.Single(again.FindAll("[data-testid='token-row']"));
    }

    [Fact]
    public async Task RevokeToken_AfterConfirmation_MarksItRevoked()
    {
        await SignInAsync("viewer@example.com", Roles.Viewer);
        var cut = Render<ApiTokensTab>();
        Type(cut, "token-name", "laptop");
        Click(cut, "create-token");
        cut.WaitForElement("[data-testid='new-token']");

        Click(cut, "revoke-token");
        Confirm("Revoke");

        cut.WaitForAssertion(() => Assert.Equal("revoked", cut.Find("[data-testid='token-row']").GetAttribute("data-status")));
        Assert.Empty(cut.FindAll("[data-testid='revoke-token']"));
        await using var db = await NewDbAsync();
        Assert.Equal(IdentityTestStore.Start, (await db.ApiTokens.SingleAsync()).RevokedAt);
    }

    [Fact]
    public async Task RevokeToken_Cancelled_LeavesItActive()
    {
        await SignInAsync("viewer@example.com", Roles.Viewer);
        var cut = Render<ApiTokensTab>();
        Type(cut, "token-name", "laptop");
        Click(cut, "create-token");
        cut.WaitForElement("[data-testid='new-token']");

        Click(cut, "revoke-token");
        Confirm("Cancel");

        cut.WaitForAssertion(() => Assert.Empty(Dialogs.FindAll(".mud-dialog")));
        Assert.Equal("active", cut.Find("[data-testid='token-row']").GetAttribute("data-status"));
    }

    [Fact]
    public async Task MyApiTokens_ListsOnlyTheSignedInPersonsTokens()
    {
        await SignInAsync("other@example.com", Roles.Analyst);
        var first = Render<ApiTokensTab>();
        Type(first, "token-name", "not mine");
        Click(first, "create-token");
        first.WaitForElement("[data-testid='new-token']");

        await SignInAsync("me@example.com", Roles.Viewer);
        var cut = Render<ApiTokensTab>();

        Assert.Empty(cut.FindAll("[data-testid='token-row']"));
    }

    [Fact]
    public async Task Viewer_IsOfferedReadOnlyOnly()
    {
        await SignInAsync("viewer@example.com", Roles.Viewer);
        var cut = Render<ApiTokensTab>();

        var options = OpenSelect(cut.Find("[data-testid='token-scope']"));

        Assert.Equal(["read-only"], options);
    }

    [Fact]
    public async Task Analyst_IsOfferedReadWrite_AndGetsAReadWriteToken()
    {
        await SignInAsync("analyst@example.com", Roles.Analyst);
        var cut = Render<ApiTokensTab>();
        Type(cut, "token-name", "importer");

        Assert.Equal(["read-only", "read-write"], OpenSelect(cut.Find("[data-testid='token-scope']")));
        ChooseOption("read-write");
        Click(cut, "create-token");

        cut.WaitForAssertion(() => Assert.Contains("read-write", cut.Find("[data-testid='token-row']").TextContent, StringComparison.Ordinal));
        await using var db = await NewDbAsync();
        Assert.True((await db.ApiTokens.SingleAsync()).CanWrite);
    }

    [Fact]
    public async Task ReadWriteToken_RefusedOnTheServer_WhenTheRoleIsNowViewer()
    {
        var id = await SignInAsync("analyst@example.com", Roles.Analyst);
        var cut = Render<ApiTokensTab>();
        Type(cut, "token-name", "importer");
        OpenSelect(cut.Find("[data-testid='token-scope']"));
        ChooseOption("read-write");

        // The person was demoted while the page was open: the action checks the role again and refuses.
        SignInAs(id, "analyst@example.com", Roles.Viewer);
        Click(cut, "create-token");

        cut.WaitForAssertion(() => Assert.Contains("read-only tokens only", cut.Find("[data-testid='token-error']").TextContent, StringComparison.Ordinal));
        await using var db = await NewDbAsync();
        Assert.Empty(await db.ApiTokens.ToListAsync());
    }
}
