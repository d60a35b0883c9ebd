namespace KumaTip.TipSimulator.Data;

/// <summary>The four lookup types of the Threat Lookup API (the <c>{type}</c> path segment, lower-cased).</summary>
internal enum ObservableKind
{
    Hash,
    Ip,
    Domain,
    Url,
}
