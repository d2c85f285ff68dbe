using System.Runtime.InteropServices;

namespace FinOps.Domain.Billing.Ingestion;

/// <summary>
/// CPU time consumed by the calling thread (user + system), for the import's phase timers: on a shared machine the
/// wall clock mostly measures the neighbours, while each stage's own CPU time shows which one limits the pipeline.
/// Linux only (getrusage RUSAGE_THREAD); elsewhere <see cref="Current"/> is null.
/// </summary>
internal static unsafe partial class ThreadCpuTime
{
    private const int RusageThread = 1;

    [LibraryImport("libc", EntryPoint = "getrusage")]
    private static partial int GetRusage(int who, long* usage);

    public static TimeSpan? Current()
    {
        if (!OperatingSystem.IsLinux() || !Environment.Is64BitProcess)
        {
            return null;
        }

        // struct rusage on 64-bit Linux: ru_utime and ru_stime (timeval: seconds, microseconds), then 14 longs.
        var usage = stackalloc long[18];
        if (GetRusage(RusageThread, usage) != 0)
        {
            return null;
        }

        return TimeSpan.FromSeconds(usage[0] + usage[2]) + TimeSpan.FromMicroseconds(usage[1] + usage[3]);
    }
}
