using KumaTip.Application.Observables;
using KumaTip.Application.Tasks;
using KumaTip.Application.ThreatLookup.Lookups;

namespace KumaTip.Web.Pages.ThreatLookup;

/// <summary>How the Threat Lookup pages address an observable (value, TIP type, tenant) and find the one a task looked up.</summary>
public static class LookupLinks
{
    public const string WindowPage = "/ThreatLookup/Index";

    public const string DetailsPage = "/ThreatLookup/Details";

    public const string ProgressPage = "/ThreatLookup/Progress";

    /// <summary>Route values of the enrichment window and the details panel.</summary>
    public static Dictionary<string, string?> RouteOf(Observable observable, Guid? tenantId) => new()
    {
        ["value"] = observable.Value,
        ["type"] = observable.TipType,
        ["tenantId"] = tenantId?.ToString(),
    };

    public static bool IsLookup(TaskItem task) => task.Kind == ThreatLookupTaskParameters.Kind;

    /// <summary>The observable a Threat Lookup task is about; null for other tasks.</summary>
    public static Observable? ObservableOf(TaskItem task) =>
        IsLookup(task) ? ObservableParser.ParseKey(ThreatLookupTaskParameters.FromJson(task.Parameters).Key).Value : null;
}
