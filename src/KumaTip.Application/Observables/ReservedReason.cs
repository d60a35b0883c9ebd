namespace KumaTip.Application.Observables;

/// <summary>
/// Why the Threat Intelligence Portal can know nothing useful about an observable (a private network, a local name...),
/// so the UI can say so before a request from the small licence quota is spent on it.
/// </summary>
/// <param name="Code">Stable snake_case code, for resource lookups and API clients (e.g. <c>private_network</c>).</param>
/// <param name="Range">The reserved block the value falls in, language-neutral (e.g. <c>10.0.0.0/8</c>, <c>*.local</c>).</param>
/// <param name="Description">An English sentence naming the block and the standard that reserves it.</param>
public sealed record ReservedReason(string Code, string Range, string Description);
