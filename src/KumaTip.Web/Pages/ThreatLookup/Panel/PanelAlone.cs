using KumaTip.Application.Common;
using KumaTip.Application.Observables;
using KumaTip.Application.Tenancy;
using KumaTip.Application.ThreatLookup.Lookups;

namespace KumaTip.Web.Pages.ThreatLookup.Panel;

/// <summary>
/// The details panel alone, for the details area beside the events: what <see cref="PanelEndpoint"/> answers, and what
/// Show info from Threat Lookup answers at once for an observable the cache holds (no redirect to the endpoint, so one
/// request). Nothing cached is an error (the caller opens the window Details instead), and so is a tenant that is not
/// the user's: its panel is not rendered, as if it did not exist.
/// </summary>
public sealed class PanelAlone(TenantAccess access, ObservableDetailsReader reader, TenantService tenants, TenantSelection selection, PanelHtml panels)
{
    public async Task<Result<RenderedPanel>> RenderAsync(HttpContext http, Observable observable, Guid? tenantId, CancellationToken ct)
    {
        // The tenant pre-fills the Refresh data form and the pivots.
        if (tenantId is { } tenant && !access.Allows(tenant))
        {
            return Error.NotFound("Tenant");
        }

        var details = await reader.FindAsync(observable, ct);
        if (details.Error is { } error)
        {
            return error;
        }

        return await panels.GetAsync(http, details.Value!, await TenantChoice.LoadAsync(tenantId, tenants, selection, ct));
    }
}
