using System.Text.Json;
using FinOps.Domain.Administration;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace FinOps.Web.Features.Settings;

/// <summary>The audit log for administrators: newest first, searchable by text and date range, old and new values on demand. Read-only.</summary>
public partial class AuditLogTab
{
    internal const int PageSize = 100;

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private IReadOnlyList<AuditEntry> _entries = [];
    private readonly HashSet<long> _expanded = [];
    private bool _isAdmin;
    private string? _text;
    private DateTime? _from;
    private DateTime? _to;

    [Inject] public required AuditLog Audit { get; init; }

    protected override async Task OnParametersSetAsync()
    {
        _isAdmin = (await CurrentUserAsync()).IsAdmin;
        await LoadAsync();
    }

    private async Task SearchAsync()
    {
        _isAdmin = (await CurrentUserAsync()).IsAdmin;
        await LoadAsync();
    }

    private async Task ClearAsync()
    {
        (_text, _from, _to) = (null, null, null);
        await SearchAsync();
    }

    private async Task OnSearchKeyDownAsync(KeyboardEventArgs e)
    {
        if (e.Key == "Enter")
        {
            await SearchAsync();
        }
    }

    private async Task LoadAsync()
    {
        _expanded.Clear();
        _entries = _isAdmin
            ? await Audit.SearchAsync(_text, SettingsFormat.StartOfDay(_from), SettingsFormat.EndOfDay(_to), PageSize, CancellationToken.None)
            : [];
    }

    private void Toggle(long id)
    {
        if (!_expanded.Remove(id))
        {
            _expanded.Add(id);
        }
    }

    /// <summary>Stored values are JSON; indent them for reading (anything else is shown as it is).</summary>
    private static string? Pretty(string? json)
    {
        if (json is null)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            return JsonSerializer.Serialize(document.RootElement, Indented);
        }
        catch (JsonException)
        {
            return json;
        }
    }
}
