using KumaTip.Application.Observables;
using KumaTip.Application.ThreatLookup.Tip;

namespace KumaTip.Application.ThreatLookup.Client;

/// <summary>One Threat Lookup question: what to look up, which data groups, and at most how many records per group.</summary>
/// <param name="Sections">Data group keys of <see cref="TipDataGroups"/>; LicenseInfo and Zone are added to every request.</param>
/// <param name="Count">Caps the records per data group (1-1000); null asks for the service's default.</param>
public sealed record TipLookupRequest(ObservableCategory Type, string Value, IReadOnlyCollection<string> Sections, int? Count = null);
