using KumaTip.TipSimulator.Hosting;

namespace KumaTip.TipSimulator.Faults;

/// <summary>Carries out a <see cref="FaultDecision"/> on a request.</summary>
internal static class FaultResponder
{
    /// <returns>True when the fault has taken the request over and no lookup must be answered.</returns>
    public static async Task<bool> ApplyAsync(FaultDecision decision, HttpContext context, CancellationToken stopping)
    {
        using var gone = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        if (decision.Latency > TimeSpan.Zero)
        {
            await Task.Delay(decision.Latency, gone.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (gone.IsCancellationRequested)
            {
                context.Abort();
                return true;
            }
        }

        switch (decision.Fault)
        {
            case InjectedFault.Hang:
                // Held until the client gives up (or the simulator stops), then dropped: no answer ever comes.
                await Task.Delay(Timeout.InfiniteTimeSpan, gone.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                context.Abort();
                return true;
            case InjectedFault.Reset:
                context.Abort();
                return true;
            case InjectedFault.Throttle:
                context.Response.Headers.RetryAfter = decision.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                await ApiAnswers.WriteErrorAsync(context, StatusCodes.Status429TooManyRequests, "Too many requests (simulated throttling).");
                return true;
            case InjectedFault.ServerError:
                await ApiAnswers.WriteErrorAsync(context, decision.ServerErrorStatus, "Simulated server failure.");
                return true;
            default:
                return false;
        }
    }
}
