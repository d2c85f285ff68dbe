using FinOps.Domain.Costs;
using FinOps.Domain.Costs.Explorer;

namespace FinOps.Web.Features.CostExplorer;

/// <summary>The filter panel's answer: the new values of one dimension's filter (empty removes the filter).</summary>
public sealed record FilterChange(CostDimension Dimension, IReadOnlyList<string?> Values);

/// <summary>
/// The table's page (1-based) and sort after the person paged or sorted (<paramref name="IsCorrection"/> false: a new
/// history entry), or after the grid moved a page that does not exist to the last one (true: the entry is replaced, so
/// Back does not land on the impossible page again).
/// </summary>
public sealed record TablePosition(int Page, TableSort Sort, bool IsCorrection = false);
