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
            case InjectedFault.HugeAnswer:
                await WriteHugeAnswerAsync(context, decision.HugeAnswerBytes, gone.Token);
                return true;
            default:
                return false;
        }
    }

    /// <summary>Streamed without a length, so a client learns the size only by reading; one that stops reading is dropped.</summary>
    private static async Task WriteHugeAnswerAsync(HttpContext context, int bytes, CancellationToken gone)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json; charset=utf-8";
        byte[] head = "{\"Zone\":\"Grey\",\"Padding\":\""u8.ToArray(), tail = "\"}"u8.ToArray(), padding = new byte[64 * 1024];
        Array.Fill(padding, (byte)'x');
        try
        {
            await context.Response.Body.WriteAsync(head, gone);
            for (var left = bytes - head.Length - tail.Length; left > 0; left -= padding.Length)
            {
                await context.Response.Body.WriteAsync(padding.AsMemory(0, Math.Min(left, padding.Length)), gone);
            }

            await context.Response.Body.WriteAsync(tail, gone);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            context.Abort();
        }
    }
}
