using System.Security.Cryptography;
using KumaTip.Application.Caching;
using KumaTip.Application.Common;
using KumaTip.Application.Persistence;
using KumaTip.Application.Proxies;
using KumaTip.Application.Secrets;
using KumaTip.Application.Secrets.Sealing;
using Microsoft.EntityFrameworkCore;

namespace KumaTip.Application.ThreatLookup.Settings;

/// <summary>
/// Loads, for the Threat Lookup settings in force, the chosen secret and proxy server with their credentials
/// unsealed. The secret may belong to any tenant (the settings are installation-wide), so the tenant filter does
/// not apply here; nothing from this class may be shown to a user.
/// </summary>
/// <remarks>
/// Every lookup task asks for the connection, so a usable one is kept in memory until the settings, a secret or a proxy
/// server change (in any instance, ADR 008): a task then reads and unseals nothing. The same material lives in memory
/// anyway, in the TIP client's handler for this version (its certificate and credentials); refusals are read afresh.
/// </remarks>
public sealed class ThreatLookupConnectionSource(
    AppDbContext db, CurrentThreatLookupSettings current, SecretSealer sealer, ChangeAwareCache<bool, Result<TipConnection>> usable)
{
    private const string Where = "Settings → Kaspersky Threat Lookup";

    /// <summary>The connection for lookups; an error a user can act on when Threat Lookup is off or not usable.</summary>
    public Task<Result<TipConnection>> GetAsync(CancellationToken ct) => KeptOrLoadAsync(evenIfDisabled: false, ct);

    /// <summary>
    /// The same, but also when Threat Lookup is turned off (then <see cref="TipConnection.Disabled"/> is true):
    /// for "Test connection", so an administrator can check the account before turning it on.
    /// </summary>
    public Task<Result<TipConnection>> GetEvenIfDisabledAsync(CancellationToken ct) => KeptOrLoadAsync(evenIfDisabled: true, ct);

    /// <summary>
    /// Only <see cref="TipConnection.VersionKey"/>, without unsealing anything: a cheap check whether a cached
    /// client is still current. Null when no secret is chosen.
    /// </summary>
    public async Task<string?> GetVersionKeyAsync(CancellationToken ct)
    {
        var settings = await SettingsAsync(ct);
        if (settings.SecretId is not { } secretId)
        {
            return null;
        }

        var secretVersion = await db.Set<Secret>().IgnoreQueryFilters().Where(s => s.Id == secretId).Select(s => (int?)s.Version).FirstOrDefaultAsync(ct);
        var proxyVersion = settings.ProxyId is { } proxyId
            ? await db.Set<ProxyServer>().IgnoreQueryFilters().Where(p => p.Id == proxyId).Select(p => (int?)p.Version).FirstOrDefaultAsync(ct)
            : null;
        return VersionKey(secretId, secretVersion ?? 0, settings.ProxyId, proxyVersion ?? 0, settings.Version);
    }

    /// <summary>
    /// Whether <paramref name="password"/> is the password sealed in the secret (compared in constant time): proof that
    /// whoever sends the secret's credentials to a new address knows them already.
    /// </summary>
    public async Task<bool> SecretPasswordMatchesAsync(Guid secretId, string password, CancellationToken ct)
    {
        var secret = await db.Set<Secret>().IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(s => s.Id == secretId, ct);
        if (secret is null)
        {
            return false;
        }

        var stored = sealer.Unseal(secret.WrappedDataKey, new SealingContext(SecretFields.ObjectType, secret.Id, secret.Name, SecretFields.Password), secret.SealedPassword);
        if (!stored.Succeeded)
        {
            return false;
        }

        var typed = System.Text.Encoding.UTF8.GetBytes(password);
        var matches = CryptographicOperations.FixedTimeEquals(stored.Value!, typed);
        CryptographicOperations.ZeroMemory(stored.Value);
        CryptographicOperations.ZeroMemory(typed);
        return matches;
    }

    private static string VersionKey(Guid secretId, int secretVersion, Guid? proxyId, int proxyVersion, int settingsVersion) =>
        $"{secretId:N}:{secretVersion}|{(proxyId is { } id ? id.ToString("N") : "none")}:{proxyVersion}|{settingsVersion}";

    /// <summary>With a trailing slash, so <c>new Uri(BaseUrl, "api/hash/...")</c> keeps a base path such as <c>/tip</c>.</summary>
    private static Uri DirectoryUri(string url) => new(url.TrimEnd('/') + "/");

    private static Error Unusable(string code, string message) => new(code, message, ErrorKind.Unavailable);

    /// <summary>Says which secret or proxy to fix (a missing master key already carries its own advice): for administrators.</summary>
    private static Error WithAdvice(Error error, string advice) =>
        (error.Code == SealingErrors.UnsealFailed ? error with { Message = $"{error.Message} {advice}" } : error) with { RevealsConfiguration = true };

    private Task<ThreatLookupSettings> SettingsAsync(CancellationToken ct) => current.GetAsync(ct);

    private Task<Result<TipConnection>> KeptOrLoadAsync(bool evenIfDisabled, CancellationToken ct) =>
        usable.GetOrLoadAsync(evenIfDisabled, (Source: this, EvenIfDisabled: evenIfDisabled), static (ask, ct) => ask.Source.LoadAsync(ask.EvenIfDisabled, ct), static loaded => loaded.Succeeded, ct);

    private async Task<Result<TipConnection>> LoadAsync(bool evenIfDisabled, CancellationToken ct)
    {
        var settings = await SettingsAsync(ct);
        if (ThreatLookupGate.Check(settings, evenIfDisabled) is { } closed)
        {
            return closed;
        }

        // Saved before https was required: the TIP user and password must not travel in clear.
        if (!settings.BaseUrl.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            return Unusable("threat_lookup_base_url_not_https", $"The TIP API base URL in {Where} is not an https:// address. A General administrator must change it there.") with { RevealsConfiguration = true };
        }

        var secretId = settings.SecretId!.Value;
        var secret = await db.Set<Secret>().IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(s => s.Id == secretId, ct);
        if (secret is null)
        {
            return Unusable("threat_lookup_secret_missing", $"The secret chosen in {Where} no longer exists. A General administrator must choose another one there.");
        }

        ProxyServer? proxy = null;
        if (settings.ProxyId is { } proxyId)
        {
            proxy = await db.Set<ProxyServer>().IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(p => p.Id == proxyId, ct);
            if (proxy is null)
            {
                return Unusable("threat_lookup_proxy_missing", $"The proxy server chosen in {Where} no longer exists. A General administrator must choose another one (or none) there.");
            }
        }

        var credentials = UnsealSecret(secret);
        if (!credentials.Succeeded)
        {
            return credentials.Error!;
        }

        ProxyConnection? proxyConnection = null;
        if (proxy is not null)
        {
            var unsealedProxy = UnsealProxy(proxy);
            if (!unsealedProxy.Succeeded)
            {
                return unsealedProxy.Error!;
            }

            proxyConnection = unsealedProxy.Value;
        }

        var (userName, password, pfx, pfxPassword) = credentials.Value;
        return new TipConnection(
            settings.Disabled,
            DirectoryUri(settings.BaseUrl),
            DirectoryUri(settings.PortalUrl),
            userName,
            password,
            pfx,
            pfxPassword,
            settings.ExtraCaPem,
            proxyConnection,
            VersionKey(secret.Id, secret.Version, proxy?.Id, proxy?.Version ?? 0, settings.Version),
            settings.MaxParallelRequests,
            settings.RequestTimeout)
        {
            SecretName = secret.Name,
        };
    }

    private Result<(string UserName, string Password, byte[] Pfx, string PfxPassword)> UnsealSecret(Secret secret)
    {
        var advice = $"Open secret '{secret.Name}' in Resources → Secrets and enter its user, password, PFX file and PFX password again.";
        SealingContext Context(string field) => new(SecretFields.ObjectType, secret.Id, secret.Name, field);
        var userName = sealer.UnsealString(secret.WrappedDataKey, Context(SecretFields.UserName), secret.SealedUserName);
        var password = sealer.UnsealString(secret.WrappedDataKey, Context(SecretFields.Password), secret.SealedPassword);
        var pfxPassword = sealer.UnsealString(secret.WrappedDataKey, Context(SecretFields.PfxPassword), secret.SealedPfxPassword);
        var pfx = sealer.Unseal(secret.WrappedDataKey, Context(SecretFields.Pfx), secret.SealedPfx);
        var error = userName.Error ?? password.Error ?? pfxPassword.Error ?? pfx.Error;
        if (error is not null)
        {
            if (pfx.Value is { } opened)
            {
                CryptographicOperations.ZeroMemory(opened);
            }

            return WithAdvice(error, advice);
        }

        return (userName.Value!, password.Value!, pfx.Value!, pfxPassword.Value!);
    }

    private Result<ProxyConnection> UnsealProxy(ProxyServer proxy)
    {
        var advice = $"Open proxy server '{proxy.Name}' in Resources → Proxies and enter its user and password again.";
        SealingContext Context(string field) => new(ProxyFields.ObjectType, proxy.Id, proxy.Name, field);
        string? userName = null;
        string? password = null;
        if (proxy.SealedUserName is { } sealedUser)
        {
            var opened = sealer.UnsealString(proxy.WrappedDataKey, Context(ProxyFields.UserName), sealedUser);
            if (!opened.Succeeded)
            {
                return WithAdvice(opened.Error!, advice);
            }

            userName = opened.Value;
        }

        if (proxy.SealedPassword is { } sealedPassword)
        {
            var opened = sealer.UnsealString(proxy.WrappedDataKey, Context(ProxyFields.Password), sealedPassword);
            if (!opened.Succeeded)
            {
                return WithAdvice(opened.Error!, advice);
            }

            password = opened.Value;
        }

        return new ProxyConnection(new Uri(proxy.Url), userName, password, proxy.BypassEntries);
    }
}
