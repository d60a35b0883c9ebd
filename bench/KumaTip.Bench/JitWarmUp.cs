using System.Diagnostics;
using System.Runtime;

namespace KumaTip.Bench;

/// <summary>
/// A server runs for days on optimised code, so figures are taken once the JIT has finished: tiered compilation
/// recompiles hot methods (instrumented, then optimised) on a background thread, which on two busy cores takes a
/// minute or two. Rounds of the measured work are run until one keeps the JIT busy less than 2 % of its time.
/// </summary>
public static class JitWarmUp
{
    private const double IdleShare = 0.02;

    /// <returns>The number of rounds run.</returns>
    public static async Task<int> UntilIdleAsync(Func<int, Task> round, string roundDescription, int maxRounds = 15)
    {
        for (var number = 1; number <= maxRounds; number++)
        {
            var jitBefore = JitInfo.GetCompilationTime();
            var started = Stopwatch.GetTimestamp();
            await round(number);
            var jitShare = (JitInfo.GetCompilationTime() - jitBefore) / Stopwatch.GetElapsedTime(started);
            Console.WriteLine($"[{DateTime.Now:HH:mm:ss}] Warm-up round {number}: {roundDescription}; JIT busy {jitShare:P0} of the round");
            if (jitShare < IdleShare)
            {
                return number;
            }
        }

        Console.WriteLine($"[{DateTime.Now:HH:mm:ss}] The JIT was still busy after {maxRounds} warm-up rounds: the figures include some compilation.");
        return maxRounds;
    }
}
