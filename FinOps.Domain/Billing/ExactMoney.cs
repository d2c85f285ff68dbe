namespace FinOps.Domain.Billing;

/// <summary>
/// How money is stored so that SQLite sums it exactly and fast: a value v is split into two 64-bit integers,
/// <c>Nanos</c> = v truncated to 9 decimal places, in units of 1e-9, and <c>Attos</c> = the rest, in units of 1e-18
/// (|Attos| &lt; 1e9, same sign as v). SQLite's integer SUM is exact; each sum is recombined in <see cref="decimal"/>.
/// Exact to 18 decimal places; a total up to 9.2 billion (in the billing currency) per query cell and far more
/// rows than any file holds (the atto sum overflows only past 9 billion rows).
/// See docs/decisions/001-exact-money-in-sqlite.md.
/// </summary>
public readonly record struct ExactMoney(long Nanos, long Attos)
{
    private const decimal NanoScale = 1_000_000_000m;
    private const decimal AttoScale = 1_000_000_000_000_000_000m;

    /// <summary>The largest absolute value one line item may carry (the nano part must fit a 64-bit integer with room for sums).</summary>
    public const decimal MaxAbsoluteValue = 1_000_000_000m;

    /// <summary>Splits a decimal; digits beyond 18 decimal places are rounded half away from zero.</summary>
    public static ExactMoney FromDecimal(decimal value)
    {
        if (Math.Abs(value) > MaxAbsoluteValue)
        {
            throw new OverflowException($"The amount {value} is larger than the supported maximum of {MaxAbsoluteValue} per line item.");
        }

        var rounded = Math.Round(value, 18, MidpointRounding.AwayFromZero);
        var nanos = decimal.Truncate(rounded * NanoScale);
        var attos = (rounded * NanoScale - nanos) * NanoScale;
        return new ExactMoney((long)nanos, (long)attos);
    }

    /// <summary>Recombines a (possibly summed) pair into a decimal.</summary>
    public static decimal ToDecimal(long nanos, long attos) => nanos / NanoScale + attos / AttoScale;

    public decimal ToDecimal() => ToDecimal(Nanos, Attos);

    public static ExactMoney operator +(ExactMoney a, ExactMoney b) => new(a.Nanos + b.Nanos, a.Attos + b.Attos);

    public static ExactMoney Add(ExactMoney a, ExactMoney b) => a + b;
}
