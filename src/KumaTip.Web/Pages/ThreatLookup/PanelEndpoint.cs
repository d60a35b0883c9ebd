using KumaTip.Application.Observables;
using KumaTip.Web.Pages.ThreatLookup.Panel;

namespace KumaTip.Web.Pages.ThreatLookup;

/// <summary>
/// The details panel alone, without the page around it: what the events pages open beside the events when an analyst
/// asks for Threat Lookup information the cache holds. 404 when nothing is cached (the caller opens the enrichment
/// window instead) and for a tenant that is not the user's, 400 for a value that is not an observable. Its Refresh
/// data form has no antiforgery token: the script that opens the panel adds the one of the page it opens it in.
/// </summary>
public static class PanelEndpoint
{
    public const string Path = "/ThreatLookup/Panel";

    public const string ContentType = "text/html; charset=utf-8";

    public static IEndpointRouteBuilder MapThreatLookupPanel(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, async (string? value, string? type, Guid? tenantId, HttpContext http, PanelAlone panels, Localization.ServiceErrorTranslator errors, CancellationToken ct) =>
        {
            var observable = ObservableParser.Parse(value, type);
            var panel = observable.Value is { } o ? await panels.RenderAsync(http, o, tenantId, ct) : observable.Error!;
            return panel.Error is { } error ? errors.AsText(error) : Results.Bytes(panel.Value!.WithoutToken, ContentType);
        }).ExcludeFromDescription();
        return app.MapThreatLookupPanelExport();
    }
}
