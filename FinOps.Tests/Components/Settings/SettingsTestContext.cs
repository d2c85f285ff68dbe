using System.Security.Claims;
using AngleSharp.Dom;
using Bunit;
using Bunit.TestDoubles;
using FinOps.Tests.Support;
using FinOps.Web.Features.Settings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MudBlazor;

namespace FinOps.Tests.Components.Settings;

/// <summary>
/// Settings tab tests: the real domain services and Identity on a temporary SQLite store, bUnit's fake authentication
/// state (signed in as a real user of that store), and the MudBlazor popover and dialog providers.
/// </summary>
public abstract class SettingsTestContext : BunitTestBase
{
    private readonly string _directory = IdentityTestStore.NewDirectory();
    private bool _initialized;

    protected SettingsTestContext()
    {
        Services.AddFinOpsIdentityTestStore(_directory, Time);
    }

    protected FakeTimeProvider Time { get; } = new(IdentityTestStore.Start);

    protected IRenderedComponent<MudPopoverProvider> Popovers { get; private set; } = null!;

    protected IRenderedComponent<MudDialogProvider> Dialogs { get; private set; } = null!;

    /// <summary>Creates a user of that role in the store and signs the test in as them; returns the user id.</summary>
    protected async Task<string> SignInAsync(string email, string role)
    {
        await EnsureInitializedAsync();
        var id = await IdentityTestStore.CreateUserAsync(Services, email, role);
        SignInAs(id, email, role);
        return id;
    }

    /// <summary>Changes who the circuit's authentication state says is signed in (as a changed role would).</summary>
    protected void SignInAs(string id, string email, string role)
    {
        Authorization.SetAuthorized(email);
        Authorization.SetRoles(role);
        Authorization.SetClaims(new Claim(ClaimTypes.NameIdentifier, id));
    }

    protected async Task EnsureInitializedAsync()
    {
        if (_initialized)
        {
            return;
        }

        await IdentityTestStore.InitializeAsync(Services);
        Popovers = Render<MudPopoverProvider>();
        Dialogs = Render<MudDialogProvider>();
        _initialized = true;
    }

    protected async Task<FinOps.Domain.Persistence.FinOpsDbContext> NewDbAsync() =>
        await Services.GetRequiredService<IDbContextFactory<FinOps.Domain.Persistence.FinOpsDbContext>>().CreateDbContextAsync();

    /// <summary>
    /// Types into a MudTextField/MudNumericField by its data-testid (the attribute lands on the input or around it):
    /// an input event for fields that update as you type (Immediate), a change event for the others.
    /// </summary>
    protected static void Type<T>(IRenderedComponent<T> cut, string testId, string value)
        where T : Microsoft.AspNetCore.Components.IComponent
    {
        var input = Input(cut, testId);
        if (input.HasAttribute("blazor:oninput") && !input.HasAttribute("blazor:onchange"))
        {
            input.Input(value);
        }
        else
        {
            input.Change(value);
        }
    }

    protected static IElement Input<T>(IRenderedComponent<T> cut, string testId)
        where T : Microsoft.AspNetCore.Components.IComponent
    {
        var element = cut.Find($"[data-testid='{testId}']");
        return element.TagName is "INPUT" or "TEXTAREA" ? element : element.QuerySelector("input")!;
    }

    protected static void Click<T>(IRenderedComponent<T> cut, string testId)
        where T : Microsoft.AspNetCore.Components.IComponent =>
        cut.Find($"[data-testid='{testId}']").Click();

    /// <summary>Opens a MudSelect (it opens on mousedown of its input control) and returns the texts of its items.</summary>
    protected IReadOnlyList<string> OpenSelect(IElement select)
    {
        var control = select.ClassList.Contains("mud-input-control") ? select : select.Closest(".mud-input-control") ?? select.QuerySelector(".mud-input-control")!;
        control.MouseDown();
        return Popovers.WaitForElements(".mud-popover-open .mud-list-item").Select(i => i.TextContent.Trim()).ToList();
    }

    /// <summary>Clicks an item of the open MudSelect by its text.</summary>
    protected void ChooseOption(string text) =>
        Popovers.FindAll(".mud-popover-open .mud-list-item").First(i => i.TextContent.Trim() == text).Click();

    /// <summary>Confirms the open message box by clicking its button with this text.</summary>
    protected void Confirm(string buttonText) =>
        Dialogs.WaitForElements(".mud-dialog button").First(b => b.TextContent.Trim() == buttonText).Click();

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        IdentityTestStore.DeleteDirectory(_directory);
    }
}
