using System.Diagnostics;

namespace KumaTip.Application.Telemetry;

/// <summary>
/// The one name the OpenTelemetry set-up subscribes to: the <c>KumaTip</c> meter, whose instruments live in one small
/// class per concern (created through <see cref="System.Diagnostics.Metrics.IMeterFactory"/>, so each host has its
/// own), and the <c>KumaTip</c> activity source for the spans of tasks and TIP lookups.
/// </summary>
public static class KumaTipTelemetry
{
    public const string Name = "KumaTip";

    /// <summary>With no listener (tracing off) <see cref="ActivitySource.StartActivity(string, ActivityKind)"/> returns null at the cost of a branch.</summary>
    public static readonly ActivitySource ActivitySource = new(Name);

    /// <summary>
    /// The W3C <c>traceparent</c> of the current activity, for work that continues elsewhere (a queued task); null
    /// when nobody traces, so nothing is stored for a trace no one records.
    /// </summary>
    public static string? TraceParentToCarry() =>
        ActivitySource.HasListeners() && Activity.Current is { IdFormat: ActivityIdFormat.W3C } current ? current.Id : null;

    /// <summary>Starts an activity in the trace <paramref name="traceParent"/> names (a new trace when it is null or unreadable).</summary>
    public static Activity? StartContinuing(string name, string? traceParent, ActivityKind kind)
    {
        if (!ActivitySource.HasListeners())
        {
            return null;
        }

        ActivityContext.TryParse(traceParent, null, isRemote: true, out var parent);
        return ActivitySource.StartActivity(name, kind, parent);
    }
}
