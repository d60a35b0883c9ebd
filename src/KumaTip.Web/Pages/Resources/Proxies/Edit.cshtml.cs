using KumaTip.Application.Proxies;
using KumaTip.Application.Tenancy;

namespace KumaTip.Web.Pages.Resources.Proxies;

/// <summary>Add or change a proxy server; its user and password are shown masked and kept unless retyped.</summary>
public sealed class EditModel(ProxyService proxies, TenantService tenants, TenantSelection selection)
    : ResourceEditModel<ProxyServer, ProxyInput, ProxySummary>(proxies, tenants, selection)
{
    protected override ProxyInput InputOf(ProxySummary proxy) =>
        new(proxy.Name, proxy.TenantId, proxy.Url, Bypass: proxy.Bypass, Description: proxy.Description, Version: proxy.Version);

    protected override ProxyInput NewInput(Guid tenantId) => new(TenantId: tenantId);
}
