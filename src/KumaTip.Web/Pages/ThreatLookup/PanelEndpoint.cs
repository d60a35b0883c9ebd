using KumaTip.Application.Observables;
using KumaTip.Application.ThreatLookup.Lookups;
using KumaTip.Web.Pages.ThreatLookup.Panel;

namespace KumaTip.Web.Pages.ThreatLookup;

/// <summary>
/// The details panel alone, without the page around it: what the events pages open beside the events when an analyst
/// asks for Threat Lookup information the cache holds. 404 when nothing is cached and for a tenant that is not the
/// user's, 400 for a value that is not an observable. Asked for by "Show info from Threat Lookup" (<c>showInfo=true</c>,
/// <see cref="LookupLinks.ShowInfoUrl"/>), it leads to the window Details («Подробнее») alone when nothing is cached:
/// the most frequent click of the events pages is one cheap request when the cache answers, and never a 404 in the
/// browser's console when it does not. Its Refresh data form has no antiforgery token: the script that opens the panel
/// adds the one of the page it opens it in.
/// </summary>
public static class PanelEndpoint
{
    public const string Path = "/ThreatLookup/Panel";

    public const string ContentType = "text/html; charset=utf-8";

    public static IEndpointRouteBuilder MapThreatLookupPanel(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, async (
            string? value, string? type, Guid? tenantId, bool? showInfo, HttpContext http, PanelAlone panels, Localization.ServiceErrorTranslator errors, CancellationToken ct) =>
        {
            var observable = ObservableParser.Parse(value, type);
            var panel = observable.Value is { } o ? await panels.RenderAsync(http, o, tenantId, ct) : observable.Error!;
            return panel.Error switch
            {
                null => Results.Bytes(panel.Value!.WithoutToken, ContentType),
                { Code: ObservableDetailsReader.NotInCache } when showInfo == true => Results.Redirect(LookupLinks.SummaryUrl(observable.Value!, tenantId)),
                var error => errors.AsText(error),
            };
        }).ExcludeFromDescription();
        return app.MapThreatLookupPanelExport();
    }
}
