using Bunit;
using FinOps.Domain.Administration;
using FinOps.Web.Components.Layout;
using MudBlazor;
using MudBlazor.Extensions;

namespace FinOps.Tests.Components;

public sealed class MainLayoutTests : BunitTestBase
{
    private readonly BunitJSModuleInterop _themeModule;

    public MainLayoutTests()
    {
        _themeModule = JSInterop.SetupModule("./js/theme.js");
        SignIn("ana@example.com", Roles.Analyst);
    }

    private IRenderedComponent<MainLayout> RenderLayout() =>
        Render<MainLayout>(p => p.Add(l => l.Body, "<p>page</p>"));

    private static bool IsDark(IRenderedComponent<MainLayout> cut) =>
        cut.FindComponent<MudThemeProvider>().Instance.GetState(x => x.IsDarkMode);

    [Fact]
    public void ThemeToggle_SwitchesToDarkModeAndRemembersTheChoice()
    {
        _themeModule.Setup<string?>("getStoredScheme").SetResult(null);
        var cut = RenderLayout();
        Assert.False(IsDark(cut));

        cut.Find("[data-testid=theme-toggle]").Click();

        Assert.True(IsDark(cut));
        Assert.Equal("dark", _themeModule.VerifyInvoke("storeScheme").Arguments[0]);
        Assert.Equal("Switch to light mode", cut.Find("[data-testid=theme-toggle]").GetAttribute("aria-label"));
    }

    [Fact]
    public void ThemeToggle_Twice_ReturnsToLightMode()
    {
        _themeModule.Setup<string?>("getStoredScheme").SetResult(null);
        var cut = RenderLayout();

        cut.Find("[data-testid=theme-toggle]").Click();
        cut.Find("[data-testid=theme-toggle]").Click();

        Assert.False(IsDark(cut));
        Assert.Equal("light", _themeModule.VerifyInvoke("storeScheme", calledTimes: 2)[1].Arguments[0]);
    }

    [Fact]
    public void StoredDarkChoice_StartsInDarkMode()
    {
        _themeModule.Setup<string?>("getStoredScheme").SetResult("dark");

        var cut = RenderLayout();

        Assert.True(IsDark(cut));
    }

    [Fact]
    public void Layout_ShowsProductNameAndPageBody()
    {
        _themeModule.Setup<string?>("getStoredScheme").SetResult(null);

        var cut = RenderLayout();

        Assert.Contains("FinOps Cockpit", cut.Find(".mud-appbar").TextContent, StringComparison.Ordinal);
        Assert.Equal("page", cut.Find(".mud-main-content p").TextContent);
    }

    [Theory]
    [InlineData(Roles.Admin)]
    [InlineData(Roles.Analyst)]
    [InlineData(Roles.Viewer)]
    public void AppBar_ShowsTheSignedInUserWithTheirRole_AndASignOutButton(string role)
    {
        _themeModule.Setup<string?>("getStoredScheme").SetResult(null);
        SignIn("someone@example.com", role);

        var cut = RenderLayout();

        Assert.Equal($"someone@example.com · {role}", cut.Find("[data-testid=current-user]").TextContent.Trim());
        var signOut = cut.Find("form[action='/account/logout']");
        Assert.Equal("post", signOut.GetAttribute("method"));
        Assert.NotNull(signOut.QuerySelector("[data-testid=sign-out]"));
    }

    [Fact]
    public void AppBar_WhenAnonymous_ShowsNoUserAndNoSignOut()
    {
        _themeModule.Setup<string?>("getStoredScheme").SetResult(null);
        Authorization.SetNotAuthorized();

        var cut = RenderLayout();

        Assert.Empty(cut.FindAll("[data-testid=current-user]"));
        Assert.Empty(cut.FindAll("[data-testid=sign-out]"));
        Assert.Contains("FinOps Cockpit", cut.Find(".mud-appbar").TextContent, StringComparison.Ordinal);
    }
}
