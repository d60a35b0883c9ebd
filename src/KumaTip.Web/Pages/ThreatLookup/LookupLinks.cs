using KumaTip.Application.Observables;
using KumaTip.Application.Tasks;
using KumaTip.Application.ThreatLookup.Lookups;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace KumaTip.Web.Pages.ThreatLookup;

/// <summary>How the Threat Lookup pages address an observable (value, TIP type, tenant) and find the one a task looked up.</summary>
public static class LookupLinks
{
    public const string WindowPage = "/ThreatLookup/Index";

    public const string DetailsPage = "/ThreatLookup/Details";

    public const string ProgressPage = "/ThreatLookup/Progress";

    public const string SummaryPage = "/ThreatLookup/Summary";

    /// <summary>Route values of the enrichment window and the details panel; <paramref name="choose"/> opens the window even when the cache answers.</summary>
    public static Dictionary<string, string?> RouteOf(Observable observable, Guid? tenantId, bool choose = false)
    {
        var route = new Dictionary<string, string?> { ["value"] = observable.Value, ["type"] = observable.TipType, ["tenantId"] = tenantId?.ToString() };
        if (choose)
        {
            route["choose"] = "true";
        }

        return route;
    }

    /// <summary>The details panel alone (<see cref="PanelEndpoint"/>), for the details area beside the events.</summary>
    public static string PanelUrl(Observable observable, Guid? tenantId) =>
        PanelEndpoint.Path + QueryString.Create(RouteOf(observable, tenantId));

    /// <summary>
    /// What "Show info from Threat Lookup" asks for beside the events (side-panel.js): the panel alone when the cache
    /// holds the observable, the window Details alone when it does not (<see cref="PanelEndpoint"/>).
    /// </summary>
    public static string ShowInfoUrl(Observable observable, Guid? tenantId) =>
        PanelEndpoint.Path + QueryString.Create(RouteOf(observable, tenantId)).Add("showInfo", "true");

    /// <summary>The window Details («Подробнее») alone, for the dialog of the events pages.</summary>
    public static string SummaryUrl(Observable observable, Guid? tenantId) =>
        SummaryPage + QueryString.Create(RouteOf(observable, tenantId)).Add("fragment", "true");

    /// <summary>
    /// The observable a link or form names (its value and type), parsed once at the edge of a page; null, with the
    /// parser's message shown on the page, when it is none.
    /// </summary>
    public static Observable? BindObservable(this ModelStateDictionary modelState, string? value, string? type)
    {
        var parsed = ObservableParser.Parse(value, type);
        if (parsed.Error is { } error)
        {
            modelState.AddError(error);
        }

        return parsed.Value;
    }

    public static bool IsLookup(TaskItem task) => task.Kind == ThreatLookupTaskParameters.Kind;

    /// <summary>The observable a Threat Lookup task is about; null for other tasks.</summary>
    public static Observable? ObservableOf(TaskItem task) =>
        IsLookup(task) ? Observable.ParseKey(ThreatLookupTaskParameters.FromJson(task.Parameters).Key).Value : null;
}
