using KumaTip.Application.Common;
using KumaTip.Application.Observables;
using KumaTip.Application.Tenancy;
using KumaTip.Application.ThreatLookup.Lookups;
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

    public static IEndpointRouteBuilder MapThreatLookupPanel(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, async (
            string? value, string? type, Guid? tenantId, HttpContext http, TenantAccess access,
            ObservableDetailsReader reader, TenantService tenants, TenantSelection selection, PanelHtml panels, Localization.ServiceErrorTranslator errors, CancellationToken ct) =>
        {
            var observable = ObservableParser.Parse(value, type);
            // The tenant pre-fills the Refresh data form: one the user does not have is not rendered, as if it did not exist.
            var details = tenantId is { } tenant && !access.Allows(tenant) ? Error.NotFound("Tenant")
                : observable.Value is { } o ? await reader.FindAsync(o, ct) : observable.Error!;
            if (details.Error is { } error)
            {
                return errors.AsText(error);
            }

            var panel = await panels.GetAsync(http, details.Value!, await TenantChoice.LoadAsync(tenantId, tenants, selection, ct));
            return Results.Bytes(panel.WithoutToken, "text/html; charset=utf-8");
        }).ExcludeFromDescription();
        return app.MapThreatLookupPanelExport();
    }
}
