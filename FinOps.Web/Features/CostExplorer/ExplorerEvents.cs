using FinOps.Domain.Costs;
using FinOps.Domain.Costs.Explorer;

namespace FinOps.Web.Features.CostExplorer;

/// <summary>The filter panel's answer: the new values of one dimension's filter (empty removes the filter).</summary>
public sealed record FilterChange(CostDimension Dimension, IReadOnlyList<string?> Values);

/// <summary>The table's page (1-based) and sort after the person paged or sorted.</summary>
public sealed record TablePosition(int Page, TableSort Sort);
