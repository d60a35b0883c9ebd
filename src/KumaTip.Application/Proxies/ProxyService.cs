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

        // On a change, a typed password may go with the stored user, or be dropped with it (ClearCredentials).
        var userAside = existing is not null && (input.ClearCredentials || existing.SealedUserName is not null);
        if (!userAside && string.IsNullOrWhiteSpace(input.UserName) && !string.IsNullOrEmpty(input.Password))
        {
            return Error.Invalid("UserName", "Enter the user that goes with the password.");
        }

        return input with { Url = url.Value!.ToString().TrimEnd('/'), Bypass = bypass.Value!.Entries };
    }

    protected override Task<Error?> ApplyAsync(ProxyServer proxy, ProxyInput input, ChangedFields changed, CancellationToken ct)
    {
        changed.Set("Url", proxy.Url, input.Url!, v => proxy.Url = v);
        changed.Set("Bypass", proxy.Bypass, input.Bypass is [_, ..] ? string.Join('\n', input.Bypass) : null, v => proxy.Bypass = v);
        if (input.ClearCredentials && (proxy.SealedUserName ?? proxy.SealedPassword) is not null)
        {
            (proxy.SealedUserName, proxy.SealedPassword) = (null, null);
            changed.AddRange([ProxyFields.UserName, ProxyFields.Password]);
            return Task.FromResult<Error?>(null);
        }

        return Task.FromResult(
            Seal(proxy, changed, ProxyFields.UserName, input.UserName?.Trim(), v => proxy.SealedUserName = v)
            ?? Seal(proxy, changed, ProxyFields.Password, input.Password, v => proxy.SealedPassword = v));
    }

    protected override ProxySummary Summarise(ProxyServer proxy, string tenantName) => ProxySummary.Of(proxy, tenantName);
}
