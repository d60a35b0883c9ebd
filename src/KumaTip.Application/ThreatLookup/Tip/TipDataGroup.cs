namespace KumaTip.Application.ThreatLookup.Tip;

/// <summary>
/// One data group (a "section" of the API) that the "Threat Lookup enrichment" window offers as a check box.
/// </summary>
/// <param name="Key">The section name exactly as the API spells it (case-sensitive); also the resource key of its UI label.</param>
/// <param name="IsSelectedByDefault">Ticked when the window opens: cheap, always-useful groups are; long lists are not.</param>
public sealed record TipDataGroup(string Key, bool IsSelectedByDefault);
