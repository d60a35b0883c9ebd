using KumaTip.Application.Identity;
using KumaTip.Application.Tenancy;

namespace KumaTip.Application.Events.Ingestion;

/// <summary>A token that lets a collector (a KUMA forwarder, a script) send events to one tenant and do nothing else.</summary>
public sealed class IngestionToken : IssuedToken, ITenantOwned
{
    public Guid TenantId { get; set; }

    public string? CreatedBy { get; set; }
}
