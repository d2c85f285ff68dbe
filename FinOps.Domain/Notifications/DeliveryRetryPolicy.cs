namespace FinOps.Domain.Notifications;

/// <summary>
/// When a failed delivery is tried again: 1 minute, 5 minutes, 30 minutes, then 2 hours after the failures before;
/// the fifth failure is final (<see cref="DeliveryStatus.Failed"/>), about two and a half hours after the first attempt.
/// </summary>
public static class DeliveryRetryPolicy
{
    /// <summary>The wait after the first, second, third and fourth failed attempt.</summary>
    public static readonly IReadOnlyList<TimeSpan> Backoff =
    [
        TimeSpan.FromMinutes(1),
        TimeSpan.FromMinutes(5),
        TimeSpan.FromMinutes(30),
        TimeSpan.FromHours(2),
    ];

    /// <summary>Attempts before a delivery is given up.</summary>
    public static int MaxAttempts => Backoff.Count + 1;

    /// <summary>
    /// After <paramref name="failedAttempts"/> failures: when to try again, or null when that was the last attempt.
    /// </summary>
    public static DateTimeOffset? NextAttemptAfter(int failedAttempts, DateTimeOffset now) =>
        failedAttempts >= 1 && failedAttempts < MaxAttempts ? now + Backoff[failedAttempts - 1] : null;
}
