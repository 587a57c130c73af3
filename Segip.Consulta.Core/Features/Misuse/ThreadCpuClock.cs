using System.Globalization;

namespace Segip.Consulta.Core.Features.Misuse;

/// <summary>
/// CPU time of the calling OS thread (Linux: the first field of <c>/proc/thread-self/schedstat</c>, nanoseconds on a
/// CPU), to tell what a detector pass itself costs while the app serves queries: the process's CPU mixes both.
/// Null where the kernel does not expose it.
/// </summary>
public static class ThreadCpuClock
{
    public static TimeSpan? Now()
    {
        if (!OperatingSystem.IsLinux()) return null;
        try
        {
            var text = File.ReadAllText("/proc/thread-self/schedstat");
            var end = text.IndexOf(' ');
            return end > 0 && long.TryParse(text.AsSpan(0, end), NumberStyles.None, CultureInfo.InvariantCulture, out var ns)
                ? TimeSpan.FromTicks(ns / 100)
                : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
