using System.Globalization;
using System.Runtime;

namespace Litmind.Benchmarks.Probes;

/// <summary>
/// The peak memory of a run above the process's idle state. Idle is measured after a full,
/// compacting collection. The working set's peak comes from the kernel where it can be reset
/// (Linux: /proc/self/clear_refs and VmHWM), and from sampling otherwise; the managed heap's
/// peak always from sampling.
/// </summary>
public sealed class MemoryProbe : IDisposable
{
    private const string ClearRefs = "/proc/self/clear_refs";
    private const string Status = "/proc/self/status";
    private const string Statm = "/proc/self/statm";

    private readonly Thread sampler;
    private readonly long idleWorkingSet;
    private readonly long idleManaged;
    private readonly bool kernelPeak;
    private volatile bool stopped;
    private long peakWorkingSet;
    private long peakManaged;

    private MemoryProbe(int sampleMilliseconds)
    {
        Settle();
        idleWorkingSet = WorkingSet();
        idleManaged = GC.GetTotalMemory(forceFullCollection: false);
        peakWorkingSet = idleWorkingSet;
        peakManaged = idleManaged;
        kernelPeak = TryResetKernelPeak();
        sampler = new Thread(() => Sample(sampleMilliseconds)) { IsBackground = true, Name = "MemoryProbe" };
        sampler.Start();
    }

    /// <summary>Whether the working set's peak is the kernel's (exact) rather than sampled.</summary>
    public bool KernelPeak => kernelPeak;

    /// <summary>Collects everything collectable, then starts watching.</summary>
    public static MemoryProbe Start(int sampleMilliseconds = 2) => new(sampleMilliseconds);

    /// <summary>Stops watching and returns the peaks above idle.</summary>
    public MemoryMeasurement Stop()
    {
        stopped = true;
        sampler.Join();
        var peak = Math.Max(peakWorkingSet, WorkingSet());
        if (kernelPeak && TryReadKernelPeak() is { } fromKernel)
        {
            peak = Math.Max(peak, fromKernel);
        }

        var managed = Math.Max(peakManaged, GC.GetTotalMemory(forceFullCollection: false));
        return new MemoryMeasurement(Math.Max(0, peak - idleWorkingSet), Math.Max(0, managed - idleManaged), kernelPeak);
    }

    public void Dispose()
    {
        stopped = true;
        sampler.Join();
    }

    /// <summary>
    /// A full, compacting collection around the finalizers, so idle holds no garbage of an earlier
    /// run; the aggressive one also gives the memory back to the system, so that a run cannot
    /// reuse what an earlier, bigger run left committed and look smaller than it is.
    /// </summary>
    public static void Settle()
    {
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
    }

    private void Sample(int sampleMilliseconds)
    {
        while (!stopped)
        {
            peakWorkingSet = Math.Max(peakWorkingSet, WorkingSet());
            peakManaged = Math.Max(peakManaged, GC.GetTotalMemory(forceFullCollection: false));
            Thread.Sleep(sampleMilliseconds);
        }
    }

    /// <summary>The resident set: /proc/self/statm on Linux (cheap to read often), the runtime's figure elsewhere.</summary>
    private static long WorkingSet()
    {
        if (OperatingSystem.IsLinux())
        {
            try
            {
                var fields = File.ReadAllText(Statm).Split(' ');
                return long.Parse(fields[1], CultureInfo.InvariantCulture) * Environment.SystemPageSize;
            }
            catch (IOException)
            {
            }
        }

        return Environment.WorkingSet;
    }

    /// <summary>Writing 5 to clear_refs resets the kernel's peak resident set (VmHWM) to the current one.</summary>
    private static bool TryResetKernelPeak()
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        try
        {
            File.WriteAllText(ClearRefs, "5");
            return TryReadKernelPeak() is not null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static long? TryReadKernelPeak()
    {
        try
        {
            foreach (var line in File.ReadLines(Status))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    var kilobytes = line["VmHWM:".Length..].Trim().Split(' ')[0];
                    return long.Parse(kilobytes, CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (IOException)
        {
        }

        return null;
    }
}

/// <summary>Peaks above idle, in bytes; <see cref="KernelPeak"/> says whether the working set's is exact.</summary>
public sealed record MemoryMeasurement(long PeakWorkingSet, long PeakManaged, bool KernelPeak);
