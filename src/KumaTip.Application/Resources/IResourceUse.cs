using KumaTip.Application.Common;

namespace KumaTip.Application.Resources;

/// <summary>
/// Answers, for the feature that refers to secrets and proxy servers (Settings → Kaspersky Threat Lookup), whether
/// one may be deleted. That feature implements it, so the resources need not know who uses them.
/// </summary>
public interface IResourceUse
{
    /// <summary>Why <paramref name="resource"/> cannot be deleted now; null when nothing uses it.</summary>
    Task<Error?> RefuseDeletingAsync(SealedResource resource, CancellationToken ct);
}
