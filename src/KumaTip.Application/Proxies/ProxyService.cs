using KumaTip.Application.Audit;
using KumaTip.Application.Common;
using KumaTip.Application.Resources;

namespace KumaTip.Application.Proxies;

/// <summary>Resources → Proxies: proxy servers, on the skeleton every sealed resource shares.</summary>
public sealed class ProxyService(SealedResourceDependencies dependencies)
    : SealedResourceService<ProxyServer, ProxyInput, ProxySummary>(dependencies, new ResourceKind(ProxyFields.ObjectType, "proxy server", "Proxy"))
{
    /// <summary>Also reduces the URL to scheme, host and port and normalises the bypass list.</summary>
    protected override Result<ProxyInput> Validate(ProxyInput input, ProxyServer? existing)
    {
        var credential = CheckText(input.UserName, "UserName", "User", MaxCredentialLength, required: false)
            ?? CheckText(input.Password, "Password", "Password", MaxCredentialLength, required: false);
        if (credential is not null)
        {
            return credential;
        }

        var url = ProxyAddress.Parse(input.Url);
        if (!url.Succeeded)
        {
            return url.Error!;
        }

        var bypass = BypassList.Parse(input.Bypass);
        if (!bypass.Succeeded)
        {
            return bypass.Error!;
        }

        // On a change, a typed password may go with the stored user, or be dropped with it (ClearCredentials). A new
        // destination drops the stored user, so then the password needs a user typed with it.
        var normalisedUrl = url.Value!.ToString().TrimEnd('/');
        var storedUserKept = existing is { SealedUserName: not null } && !MovesCredentials(existing, normalisedUrl);
        if (!input.ClearCredentials && !storedUserKept && string.IsNullOrWhiteSpace(input.UserName) && !string.IsNullOrEmpty(input.Password))
        {
            return Error.Invalid("UserName", "Enter the user that goes with the password.");
        }

        return input with { Url = normalisedUrl, Bypass = bypass.Value!.Entries };
    }

    /// <summary>
    /// Whether a save points the proxy's stored credentials at another scheme, host or port. They were entered for the
    /// old destination: whoever may edit the proxy must not be able to re-point it at their own host and receive them.
    /// </summary>
    private static bool MovesCredentials(ProxyServer proxy, string newUrl) =>
        (proxy.SealedUserName ?? proxy.SealedPassword) is not null && !string.Equals(proxy.Url, newUrl, StringComparison.OrdinalIgnoreCase);

    protected override Task<Error?> ApplyAsync(ProxyServer proxy, ProxyInput input, ChangedFields changed, CancellationToken ct)
    {
        // Credentials entered again in the same save go to the new destination: they are sealed below.
        var moved = MovesCredentials(proxy, input.Url!);
        changed.Set("Url", proxy.Url, input.Url!, v => proxy.Url = v);
        changed.Set("Bypass", proxy.Bypass, input.Bypass is [_, ..] ? string.Join('\n', input.Bypass) : null, v => proxy.Bypass = v);
        if ((input.ClearCredentials || moved) && (proxy.SealedUserName ?? proxy.SealedPassword) is not null)
        {
            (proxy.SealedUserName, proxy.SealedPassword) = (null, null);
            if (input.ClearCredentials)
            {
                changed.AddRange([ProxyFields.UserName, ProxyFields.Password]);
                return Task.FromResult<Error?>(null);
            }

            // The ones entered again are named when they are sealed below.
            changed.AddRange(new[] { (ProxyFields.UserName, input.UserName), (ProxyFields.Password, input.Password) }
                .Where(f => string.IsNullOrWhiteSpace(f.Item2)).Select(f => f.Item1));
        }

        return Task.FromResult(
            Seal(proxy, changed, ProxyFields.UserName, input.UserName?.Trim(), v => proxy.SealedUserName = v)
            ?? Seal(proxy, changed, ProxyFields.Password, input.Password, v => proxy.SealedPassword = v));
    }

    protected override ProxySummary Summarise(ProxyServer proxy, string tenantName) => ProxySummary.Of(proxy, tenantName);
}
