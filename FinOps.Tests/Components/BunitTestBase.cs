using System.Globalization;
using Bunit;
using Bunit.TestDoubles;
using MudBlazor.Services;

namespace FinOps.Tests.Components;

/// <summary>
/// Base for component tests: MudBlazor services, loose JS interop (MudBlazor makes many calls we do not assert on),
/// a fixed en-US culture, bUnit's test authorization (anonymous until a test calls <see cref="SignIn"/>), and asynchronous disposal (MudBlazor 9 registers services that are only IAsyncDisposable,
/// so a synchronous Dispose fails every test at teardown).
/// </summary>
public abstract class BunitTestBase : BunitContext, IAsyncLifetime
{
    private static readonly CultureInfo TestCulture = CultureInfo.GetCultureInfo("en-US");

    private readonly CultureInfo _previousCulture = CultureInfo.CurrentCulture;
    private readonly CultureInfo _previousUiCulture = CultureInfo.CurrentUICulture;

    protected BunitTestBase()
    {
        CultureInfo.CurrentCulture = TestCulture;
        CultureInfo.CurrentUICulture = TestCulture;
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Authorization = AddAuthorization();
    }

    /// <summary>The test's authentication state: AuthorizeViews and cascaded states follow it.</summary>
    protected BunitAuthorizationContext Authorization { get; }

    /// <summary>Signs a user in with the given roles (Admin, Analyst, Viewer, Kiosk: see FinOps.Domain.Administration.Roles).</summary>
    protected void SignIn(string userName, params string[] roles)
    {
        Authorization.SetAuthorized(userName);
        Authorization.SetRoles(roles);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        CultureInfo.CurrentCulture = _previousCulture;
        CultureInfo.CurrentUICulture = _previousUiCulture;
    }
}
