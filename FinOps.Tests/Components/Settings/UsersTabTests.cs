using Bunit;
using FinOps.Domain.Administration;
using FinOps.Tests.Support;
using FinOps.Web.Features.Settings;
using Microsoft.EntityFrameworkCore;

namespace FinOps.Tests.Components.Settings;

public sealed class UsersTabTests : SettingsTestContext
{
    private IRenderedComponent<UsersTab> FillNewUser(string email, string password)
    {
        var cut = Render<UsersTab>();
        Type(cut, "new-user-email", email);
        Type(cut, "new-user-name", "New Person");
        Type(cut, "new-user-password", password);
        return cut;
    }

    [Fact]
    public async Task CreateUser_WithAWeakPassword_ShowsThePolicyAndCreatesNobody()
    {
        await SignInAsync("admin@example.com", Roles.Admin);
        var cut = FillNewUser("new@example.com", "short");

        Assert.Contains("At least 12 characters", cut.Markup, StringComparison.Ordinal);
        Click(cut, "create-user");

        var error = cut.WaitForElement("[data-testid='users-error']").TextContent;
        Assert.Contains("at least 12 characters", error, StringComparison.Ordinal);
        Assert.DoesNotContain(cut.FindAll("[data-testid='user-row']"), r => r.GetAttribute("data-email") == "new@example.com");
    }

    [Fact]
    public async Task CreateUser_WithAGoodPassword_ListsThemWithTheirRole()
    {
        await SignInAsync("admin@example.com", Roles.Admin);
        var cut = FillNewUser("new@example.com", IdentityTestStore.GoodPassword);
        OpenSelect(cut.Find("[data-testid='new-user-role']"));
        ChooseOption(Roles.Analyst);

        Click(cut, "create-user");

        cut.WaitForAssertion(() =>
        {
            var row = cut.FindAll("[data-testid='user-row']").Single(r => r.GetAttribute("data-email") == "new@example.com");
            Assert.Equal(Roles.Analyst, row.GetAttribute("data-role"));
            Assert.Contains("New Person", row.TextContent, StringComparison.Ordinal);
        });
        Assert.Empty(cut.FindAll("[data-testid='users-error']"));
    }

    [Fact]
    public async Task ChangeRole_OfTheLastAdministrator_IsRefusedWithTheReason()
    {
        await SignInAsync("admin@example.com", Roles.Admin);
        var cut = Render<UsersTab>();
        var adminRow = cut.FindAll("[data-testid='user-row']").Single(r => r.GetAttribute("data-email") == "admin@example.com");

        OpenSelect(adminRow.QuerySelector("[data-testid='user-role']")!);
        ChooseOption(Roles.Viewer);

        var error = cut.WaitForElement("[data-testid='users-error']").TextContent;
        Assert.Contains("last administrator", error, StringComparison.Ordinal);
        adminRow = cut.FindAll("[data-testid='user-row']").Single(r => r.GetAttribute("data-email") == "admin@example.com");
        Assert.Equal(Roles.Admin, adminRow.GetAttribute("data-role"));
        Assert.Equal(Roles.Admin, adminRow.QuerySelector(".mud-input-control input")!.GetAttribute("value")); // the select shows the kept role
    }

    [Fact]
    public async Task ChangeRole_OfAnotherUser_IsSaved()
    {
        await SignInAsync("admin@example.com", Roles.Admin);
        await IdentityTestStore.CreateUserAsync(Services, "viewer@example.com", Roles.Viewer);
        var cut = Render<UsersTab>();

        OpenSelect(cut.FindAll("[data-testid='user-row']").Single(r => r.GetAttribute("data-email") == "viewer@example.com")
            .QuerySelector("[data-testid='user-role']")!);
        ChooseOption(Roles.Analyst);

        cut.WaitForAssertion(() => Assert.Equal(Roles.Analyst,
            cut.FindAll("[data-testid='user-row']").Single(r => r.GetAttribute("data-email") == "viewer@example.com").GetAttribute("data-role")));
    }

    [Fact]
    public async Task DisableAndEnable_AnotherUser_AfterConfirmation()
    {
        await SignInAsync("admin@example.com", Roles.Admin);
        await IdentityTestStore.CreateUserAsync(Services, "viewer@example.com", Roles.Viewer);
        var cut = Render<UsersTab>();
        AngleSharp.Dom.IElement Row() => cut.FindAll("[data-testid='user-row']").Single(r => r.GetAttribute("data-email") == "viewer@example.com");

        Row().QuerySelector("[data-testid='toggle-disabled']")!.Click();
        Confirm("Disable");
        cut.WaitForAssertion(() => Assert.Equal("true", Row().GetAttribute("data-disabled")));

        Row().QuerySelector("[data-testid='toggle-disabled']")!.Click();
        cut.WaitForAssertion(() => Assert.Equal("false", Row().GetAttribute("data-disabled")));
    }

    [Fact]
    public async Task AllTokens_ShowsEveryOwner_AndAnAdministratorRevokesSomeoneElses()
    {
        var viewerId = await SignInAsync("viewer@example.com", Roles.Viewer);
        var mine = Render<ApiTokensTab>();
        Type(mine, "token-name", "viewer's script");
        Click(mine, "create-token");
        mine.WaitForElement("[data-testid='new-token']");

        await SignInAsync("admin@example.com", Roles.Admin);
        var cut = Render<UsersTab>();
        var row = cut.Find("[data-testid='all-tokens'] [data-testid='token-row']");
        Assert.Contains("viewer@example.com", row.TextContent, StringComparison.Ordinal);

        row.QuerySelector("[data-testid='revoke-token']")!.Click();
        Confirm("Revoke");

        cut.WaitForAssertion(() => Assert.Equal("revoked", cut.Find("[data-testid='all-tokens'] [data-testid='token-row']").GetAttribute("data-status")));
        await using var db = await NewDbAsync();
        var stored = await db.ApiTokens.SingleAsync();
        Assert.Equal(viewerId, stored.OwnerUserId);
        Assert.NotNull(stored.RevokedAt);
    }

    [Fact]
    public async Task ResetPassword_WithAWeakPassword_ShowsThePolicy_AndAGoodOneIsAccepted()
    {
        await SignInAsync("admin@example.com", Roles.Admin);
        await IdentityTestStore.CreateUserAsync(Services, "viewer@example.com", Roles.Viewer);
        var cut = Render<UsersTab>();
        cut.FindAll("[data-testid='user-row']").Single(r => r.GetAttribute("data-email") == "viewer@example.com")
            .QuerySelector("[data-testid='reset-password']")!.Click();

        Type(cut, "reset-password-value", "weak");
        Click(cut, "reset-password-save");
        Assert.Contains("at least 12 characters", cut.WaitForElement("[data-testid='users-error']").TextContent, StringComparison.Ordinal);

        Type(cut, "reset-password-value", "Another-Good-Pass-7");
        Click(cut, "reset-password-save");
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid='reset-row']")));
        Assert.Empty(cut.FindAll("[data-testid='users-error']"));
    }
}
