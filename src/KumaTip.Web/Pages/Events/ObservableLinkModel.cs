using KumaTip.Application.Observables;
using KumaTip.Application.ThreatLookup.Api;

namespace KumaTip.Web.Pages.Events;

/// <summary>What the observable menu link needs: the observable and its zone, when the Threat Lookup cache knows it.</summary>
public sealed record ObservableLinkModel(Observable Observable, TipZone? Zone);
