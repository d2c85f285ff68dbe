using FinOps.Domain.Costs;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;

namespace FinOps.Web.Features.CostExplorer;

/// <summary>A group value in the explorer table: identifiers shortened in the middle, with the full value in a tooltip and a copy button.</summary>
public partial class ExplorerGroupValue
{
    private static readonly char[] Separators = ['/', ':'];

    [Parameter, EditorRequired] public required CostDimension Dimension { get; set; }

    /// <summary>The value, or null for rows without one ("(none)", "(untagged)").</summary>
    [Parameter] public string? Value { get; set; }

    /// <summary>The value's data-testid (group-0, group-1).</summary>
    [Parameter] public string? TestId { get; set; }

    [Inject] public required IJSRuntime JS { get; init; }

    [Inject] public required ISnackbar Snackbar { get; init; }

    private bool IsEmpty => string.IsNullOrWhiteSpace(Value);

    private IdentifierParts Parts => IsEmpty ? new IdentifierParts("", "") : SplitIdentifier(Value!);

    /// <summary>Identifiers are worth copying: values shortened on screen, and the values of an id column (ResourceId, BillingAccountId...).</summary>
    private bool IsCopyable => !IsEmpty
        && (Parts.Head.Length > 0 || Dimension.Column?.EndsWith("Id", StringComparison.Ordinal) == true);

    /// <summary>
    /// An identifier's name (after the last '/' or ':', a trailing one aside) and the part before it, which the table
    /// shortens first: "arn:aws:rds:us-east-1:123:db:orders" → ("arn:aws:rds:us-east-1:123:db:", "orders"). Values with
    /// white space (names, descriptions) and values without a separator are all name: ("", value).
    /// </summary>
    public static IdentifierParts SplitIdentifier(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Any(char.IsWhiteSpace))
        {
            return new IdentifierParts("", value);
        }

        var cut = value.TrimEnd(Separators).LastIndexOfAny(Separators);
        return cut <= 0 ? new IdentifierParts("", value) : new IdentifierParts(value[..(cut + 1)], value[(cut + 1)..]);
    }

    private async Task CopyAsync()
    {
        try
        {
            await JS.InvokeVoidAsync("navigator.clipboard.writeText", Value);
            Snackbar.Add($"{Domain.Costs.Explorer.ExplorerDimensions.Label(Dimension)} copied to the clipboard.", Severity.Success);
        }
        catch (JSException)
        {
            Snackbar.Add("The browser did not allow copying: select the text and copy it by hand.", Severity.Warning);
        }
    }
}

/// <summary>An identifier cut where the table shortens it: <see cref="Head"/> (may be empty) then <see cref="Name"/>.</summary>
public readonly record struct IdentifierParts(string Head, string Name);
