namespace FinOps.Domain.Optimization.Utilization;

/// <summary>
/// One resource's utilization on one day (UTC), in percent of its capacity: CPU, memory and storage, each unknown
/// (null) when the source does not report it. One row per (resource, day): a later import replaces the values.
/// See docs/utilization-format.md.
/// </summary>
public sealed class ResourceUtilization
{
    /// <summary>The resource as the billing data names it (FOCUS ResourceId), so costs and utilization meet.</summary>
    public required string ResourceId { get; set; }

    /// <summary>The day as days since 1970-01-01 (as LineItems.ChargeDay).</summary>
    public int Day { get; set; }

    public double? CpuPercent { get; set; }

    public double? MemoryPercent { get; set; }

    public double? StoragePercent { get; set; }

    public DateOnly Date => DateOnly.FromDayNumber(UnixEpochDayNumber + Day);

    internal static readonly int UnixEpochDayNumber = DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber;

    public static int DayOf(DateOnly date) => date.DayNumber - UnixEpochDayNumber;
}

/// <summary>The utilization figures of the CSV format, in column order after ResourceId and Date.</summary>
public enum UtilizationMetric
{
    Cpu,
    Memory,
    Storage,
}
