using KumaTip.Application.Observables;
using KumaTip.Application.ThreatLookup.Tip;

namespace KumaTip.Web.Pages.Events;

/// <summary>
/// What the observable menu link needs: the observable, its zone when the Threat Lookup cache knows it, and the
/// event's tenant (a lookup started from the event is that tenant's task).
/// </summary>
public sealed record ObservableLinkModel(Observable Observable, TipZone? Zone, Guid? TenantId = null);
