namespace FinOps.Domain.Costs.Explorer;

/// <summary>One value clicked in a chart: the dimension and its value (null or empty = none / untagged).</summary>
public sealed record DrillValue(CostDimension Dimension, string? Value);

/// <summary>One step of the breadcrumb: what it shows, and the state that walking back to it opens.</summary>
/// <param name="Label">"All costs", or the value drilled into.</param>
/// <param name="GroupedBy">The dimension the step is grouped by.</param>
/// <param name="Target">The state of that step (the current state for the last one).</param>
/// <param name="IsCurrent">True for the last step (the view on screen).</param>
public sealed record DrillStep(string Label, CostDimension GroupedBy, ExplorerState Target, bool IsCurrent);

/// <summary>
/// Drill-down and its breadcrumb. Drilling adds a filter on the clicked value(s) and regroups by the next natural
/// dimension (<see cref="ExplorerDimensions.Next"/>). The path is not stored anywhere: it is read back from the state
/// (the single-value filters whose natural next dimension is the current grouping, step by step), so a link or a
/// saved view shows the same breadcrumb as the session that drilled.
/// </summary>
public static class DrillPath
{
    /// <summary>True when a value of the state's first grouping can be drilled into.</summary>
    public static bool CanDrill(ExplorerState state) => ExplorerDimensions.Next(state.GroupBy[^1]) is not null;

    /// <summary>
    /// The state after clicking a segment: every clicked value becomes a filter (replacing any filter on its dimension),
    /// and the grouping becomes the next natural dimension of the last one. Null when the last dimension is the bottom.
    /// </summary>
    public static ExplorerState? Drill(ExplorerState state, IReadOnlyList<DrillValue> clicked)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (clicked.Count == 0 || ExplorerDimensions.Next(clicked[^1].Dimension) is not { } next)
        {
            return null;
        }

        var drilled = state;
        foreach (var value in clicked)
        {
            drilled = drilled.WithFilter(value.Dimension, [value.Value ?? ""]);
        }

        return (drilled with { GroupBy = [next] }).WithQueryChanged();
    }

    /// <summary>
    /// The breadcrumb of <paramref name="state"/>, from its root to the current view (at least one step). The root is
    /// "All costs" when no other filter applies; otherwise it names them ("Provider: AWS", "Region: 3 values + 1 more
    /// filter"), so a view regrouped after a drill never claims to show everything.
    /// </summary>
    public static IReadOnlyList<DrillStep> Steps(ExplorerState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var chain = new List<CostFilter>(); // drilled filters, deepest first
        var current = state.GroupBy[0];
        var remaining = state.Filters.ToList();
        var seen = new HashSet<CostDimension> { current };
        while (true)
        {
            var parent = remaining.LastOrDefault(f => f.Values.Count == 1 && ExplorerDimensions.Next(f.Dimension) == current && !seen.Contains(f.Dimension));
            if (parent is null)
            {
                break;
            }

            chain.Add(parent);
            remaining.Remove(parent);
            seen.Add(parent.Dimension);
            current = parent.Dimension;
        }

        chain.Reverse(); // shallowest first
        var rootLabel = RootLabel(remaining);
        var steps = new List<DrillStep>();
        for (var depth = 0; depth <= chain.Count; depth++)
        {
            var isCurrent = depth == chain.Count;
            var groupedBy = isCurrent ? state.GroupBy[0] : chain[depth].Dimension;
            var target = isCurrent
                ? state
                : (state with
                {
                    Filters = state.Filters.Where(f => !chain.Skip(depth).Contains(f)).ToList(),
                    GroupBy = [groupedBy],
                }).WithQueryChanged();
            var label = depth == 0 ? rootLabel : ExplorerDimensions.ValueLabel(chain[depth - 1].Dimension, chain[depth - 1].Values[0]);
            steps.Add(new DrillStep(label, groupedBy, target, isCurrent));
        }

        return steps;
    }

    private static string RootLabel(List<CostFilter> filters)
    {
        if (filters.Count == 0)
        {
            return "All costs";
        }

        var first = filters[0];
        var values = first.Values.Count == 1
            ? ExplorerDimensions.ValueLabel(first.Dimension, first.Values[0])
            : $"{first.Values.Count} values";
        var label = $"{ExplorerDimensions.Label(first.Dimension)}: {values}";
        return filters.Count switch
        {
            1 => label,
            2 => label + " + 1 more filter",
            _ => $"{label} + {filters.Count - 1} more filters",
        };
    }
}
