using KumaTip.Application.Audit;
using KumaTip.Application.Common;
using KumaTip.Application.Identity;
using KumaTip.Application.Persistence;
using KumaTip.Application.Proxies;
using KumaTip.Application.Secrets;
using Microsoft.EntityFrameworkCore;

namespace KumaTip.Application.ThreatLookup.Settings;

/// <summary>
/// Settings → Kaspersky Threat Lookup. Everyone may read them (other features read the quota and freshness
/// fields through <see cref="GetAsync"/>); only General administrators change them.
/// </summary>
public sealed class ThreatLookupSettingsService(
    AppDbContext db, CurrentThreatLookupSettings current, ThreatLookupConnectionSource connections, AuditLog audit, CurrentUser user, TimeProvider time)
{
    public const string AuditObject = "ThreatLookupSettings";

    /// <summary>The settings in force: the stored row, or the defaults before the first save. Not tracked.</summary>
    public Task<ThreatLookupSettings> GetAsync(CancellationToken ct) => current.GetAsync(ct);

    public async Task<ThreatLookupSettingsView> GetViewAsync(CancellationToken ct) => await ViewAsync(await GetAsync(ct), ct);

    public async Task<Result<ThreatLookupSettingsView>> UpdateAsync(ThreatLookupSettingsInput input, CancellationToken ct)
    {
        if (!user.IsGeneralAdministrator)
        {
            return new Error("forbidden", "Only a General administrator can change the Threat Lookup settings.", ErrorKind.Forbidden);
        }

        var settings = await db.Set<ThreatLookupSettings>().FirstOrDefaultAsync(s => s.Id == ThreatLookupSettings.SingletonId, ct);
        var isNew = settings is null;
        settings ??= new ThreatLookupSettings();
        if (input.Version is { } expected && expected != settings.Version)
        {
            return ChangedMeanwhile();
        }

        var wanted = await ValidateAsync(input, settings, ct);
        if (!wanted.Succeeded)
        {
            return wanted.Error!;
        }

        if (await BindSecretToAddressAsync(settings, wanted.Value!, input.SecretPassword, ct) is { } wrongPassword)
        {
            return wrongPassword;
        }

        var changed = Apply(settings, wanted.Value!);
        if (changed.Count == 0 && !isNew)
        {
            return await ViewAsync(settings, ct);
        }

        settings.Version++;
        settings.UpdatedAt = time.GetUtcNow();
        settings.UpdatedBy = user.UserName;
        if (isNew)
        {
            db.Set<ThreatLookupSettings>().Add(settings);
        }

        audit.Record(AuditActions.Update, AuditObject, settings.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), "Kaspersky Threat Lookup", null, changed);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // A stale version, or a first save racing another first save.
            return ChangedMeanwhile();
        }

        return await ViewAsync(settings, ct);
    }

    private static Error ChangedMeanwhile() => new(
        "changed_meanwhile", "The settings were changed by someone else meanwhile. Open them again and repeat your change.", ErrorKind.Conflict);

    /// <summary>
    /// The chosen secret's user and password go in every request to the TIP API address: only to Kaspersky's own, or to
    /// another address for which the same save entered the secret's password again (a new address, or a new secret
    /// for it). Otherwise whoever may change the address could point it at their own host and receive them: such a
    /// save keeps the rest and leaves no secret chosen. A wrong password refuses the save.
    /// </summary>
    private async Task<Error?> BindSecretToAddressAsync(ThreatLookupSettings stored, ThreatLookupSettings wanted, string? password, CancellationToken ct)
    {
        var alreadyConfirmed = wanted.SecretId == stored.SecretId && string.Equals(wanted.BaseUrl, stored.BaseUrl, StringComparison.OrdinalIgnoreCase);
        if (wanted.SecretId is not { } secretId || IsKaspersky(wanted.BaseUrl) || alreadyConfirmed)
        {
            return null;
        }

        if (string.IsNullOrEmpty(password))
        {
            wanted.SecretId = null;
            return null;
        }

        return await connections.SecretPasswordMatchesAsync(secretId, password, ct)
            ? null
            : Error.Invalid("SecretPassword", "This is not the password stored in the chosen secret. Enter it again, or leave it empty to save without a secret.");
    }

    private static bool IsKaspersky(string baseUrl) =>
        string.Equals(new Uri(baseUrl).Host, new Uri(ThreatLookupSettings.DefaultBaseUrl).Host, StringComparison.OrdinalIgnoreCase);

    private static Result<string> CheckUrl(string? text, string field, string label, bool httpsOnly = false)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return ThreatLookupSettings.DefaultBaseUrl;
        }

        text = text.Trim();
        if (text.Length > ThreatLookupSettings.MaxUrlLength
            || !Uri.TryCreate(text, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
            || string.IsNullOrEmpty(uri.Host))
        {
            return new Error("url_invalid", $"{label} must be an http:// or https:// address, e.g. {ThreatLookupSettings.DefaultBaseUrl}.") { Field = field };
        }

        if (httpsOnly && uri.Scheme != Uri.UriSchemeHttps)
        {
            return new Error("url_not_https", $"{label} must be an https:// address: the TIP user and password travel in every request.") { Field = field };
        }

        if (!string.IsNullOrEmpty(uri.UserInfo) || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
        {
            return new Error("url_invalid", $"{label} must not contain a user, a query or a fragment.") { Field = field };
        }

        return uri.GetLeftPart(UriPartial.Path).TrimEnd('/');
    }

    private static Result<int> CheckNumber(int? value, int fallback, int min, int max, string field, string label)
    {
        var number = value ?? fallback;
        return number >= min && number <= max
            ? number
            : new Error("out_of_range", $"{label} must be between {min} and {max}.") { Field = field };
    }

    private static ChangedFields Apply(ThreatLookupSettings settings, ThreatLookupSettings wanted)
    {
        var changed = new ChangedFields();
        changed.Set("Disabled", settings.Disabled, wanted.Disabled, v => settings.Disabled = v);
        changed.Set("Secret", settings.SecretId, wanted.SecretId, v => settings.SecretId = v);
        changed.Set("Proxy", settings.ProxyId, wanted.ProxyId, v => settings.ProxyId = v);
        changed.Set("BaseUrl", settings.BaseUrl, wanted.BaseUrl, v => settings.BaseUrl = v);
        changed.Set("PortalUrl", settings.PortalUrl, wanted.PortalUrl, v => settings.PortalUrl = v);
        changed.Set("ExtraCa", settings.ExtraCaPem, wanted.ExtraCaPem, v => settings.ExtraCaPem = v);
        changed.Set("LicenceQuota", settings.LicenceQuota, wanted.LicenceQuota, v => settings.LicenceQuota = v);
        changed.Set("LicencePeriodEnd", settings.LicencePeriodEnd, wanted.LicencePeriodEnd, v => settings.LicencePeriodEnd = v);
        changed.Set("CacheFreshness", settings.CacheFreshness, wanted.CacheFreshness, v => settings.CacheFreshness = v);
        changed.Set("NotFoundFreshness", settings.NotFoundFreshness, wanted.NotFoundFreshness, v => settings.NotFoundFreshness = v);
        changed.Set("MaxParallelRequests", settings.MaxParallelRequests, wanted.MaxParallelRequests, v => settings.MaxParallelRequests = v);
        changed.Set("RequestTimeout", settings.RequestTimeout, wanted.RequestTimeout, v => settings.RequestTimeout = v);
        return changed;
    }

    /// <summary>The settings the input asks for, checked; nothing is changed yet.</summary>
    private async Task<Result<ThreatLookupSettings>> ValidateAsync(ThreatLookupSettingsInput input, ThreatLookupSettings current, CancellationToken ct)
    {
        if (input.SecretId is { } secretId)
        {
            var type = await db.Set<Secret>().Where(s => s.Id == secretId).Select(s => s.Type).FirstOrDefaultAsync(ct);
            if (type is null)
            {
                return Error.Invalid("SecretId", "The chosen secret was not found. Choose another one.");
            }

            if (type != SecretTypes.Kti)
            {
                return Error.Invalid("SecretId", $"Choose a secret of type {SecretTypes.Kti}.");
            }
        }

        if (input.ProxyId is { } proxyId && !await db.Set<ProxyServer>().AnyAsync(p => p.Id == proxyId, ct))
        {
            return Error.Invalid("ProxyId", "The chosen proxy server was not found. Choose another one, or none.");
        }

        var baseUrl = CheckUrl(input.BaseUrl, "BaseUrl", "TIP API base URL", httpsOnly: true);
        var portalUrl = CheckUrl(input.PortalUrl, "PortalUrl", "Portal URL");
        var quota = CheckNumber(input.LicenceQuota, ThreatLookupSettings.DefaultLicenceQuota, 1, ThreatLookupSettingsLimits.MaxLicenceQuota, "LicenceQuota", "Licence quota");
        var freshness = CheckNumber(
            input.CacheFreshnessDays, (int)ThreatLookupSettings.DefaultCacheFreshness.TotalDays, 1, ThreatLookupSettingsLimits.MaxCacheFreshnessDays, "CacheFreshnessDays", "Cache freshness (days)");
        var notFound = CheckNumber(
            input.NotFoundFreshnessHours, (int)ThreatLookupSettings.DefaultNotFoundFreshness.TotalHours, 1, ThreatLookupSettingsLimits.MaxNotFoundFreshnessHours, "NotFoundFreshnessHours", "\"Not found\" freshness (hours)");
        var parallel = CheckNumber(
            input.MaxParallelRequests, ThreatLookupSettings.DefaultMaxParallelRequests, 1, ThreatLookupSettingsLimits.MaxParallelRequests, "MaxParallelRequests", "Maximum parallel requests");
        var timeout = CheckNumber(
            input.RequestTimeoutSeconds,
            (int)ThreatLookupSettings.DefaultRequestTimeout.TotalSeconds,
            ThreatLookupSettingsLimits.MinRequestTimeoutSeconds,
            ThreatLookupSettingsLimits.MaxRequestTimeoutSeconds,
            "RequestTimeoutSeconds",
            "Request timeout (seconds)");
        var extraCa = current.ExtraCaPem;
        Error? caError = null;
        if (input.RemoveExtraCa)
        {
            extraCa = null;
        }
        else if (input.ExtraCaPem is not null)
        {
            var pem = TrustedCaPem.FromPem(input.ExtraCaPem);
            (extraCa, caError) = (pem.Value ?? extraCa, pem.Error);
        }

        var error = baseUrl.Error ?? portalUrl.Error ?? caError ?? quota.Error ?? freshness.Error ?? notFound.Error ?? parallel.Error ?? timeout.Error;
        if (error is not null)
        {
            return error;
        }

        return new ThreatLookupSettings
        {
            Disabled = input.Disabled,
            SecretId = input.SecretId,
            ProxyId = input.ProxyId,
            BaseUrl = baseUrl.Value!,
            PortalUrl = portalUrl.Value!,
            ExtraCaPem = extraCa,
            LicenceQuota = quota.Value,
            LicencePeriodEnd = input.LicencePeriodEnd,
            CacheFreshness = TimeSpan.FromDays(freshness.Value),
            NotFoundFreshness = TimeSpan.FromHours(notFound.Value),
            MaxParallelRequests = parallel.Value,
            RequestTimeout = TimeSpan.FromSeconds(timeout.Value),
        };
    }

    private async Task<ThreatLookupSettingsView> ViewAsync(ThreatLookupSettings settings, CancellationToken ct)
    {
        // Names through the tenant filter: a Tenant administrator is not told the name of another tenant's secret.
        var secret = settings.SecretId is { } secretId
            ? await db.Set<Secret>().AsNoTracking().Where(s => s.Id == secretId).Select(s => new { s.Name, s.TenantId }).FirstOrDefaultAsync(ct)
            : null;
        var secretTenant = secret is null ? null : await db.Tenants.AsNoTracking().Where(t => t.Id == secret.TenantId).Select(t => t.Name).FirstOrDefaultAsync(ct);
        var proxyName = settings.ProxyId is { } proxyId
            ? await db.Set<ProxyServer>().AsNoTracking().Where(p => p.Id == proxyId).Select(p => p.Name).FirstOrDefaultAsync(ct)
            : null;
        return new ThreatLookupSettingsView(
            settings.Disabled,
            settings.SecretId,
            secret?.Name,
            secretTenant,
            settings.ProxyId,
            proxyName,
            settings.BaseUrl,
            settings.PortalUrl,
            TrustedCaPem.Describe(settings.ExtraCaPem),
            settings.LicenceQuota,
            settings.LicencePeriodEnd,
            (int)Math.Round(settings.CacheFreshness.TotalDays),
            (int)Math.Round(settings.NotFoundFreshness.TotalHours),
            settings.MaxParallelRequests,
            (int)Math.Round(settings.RequestTimeout.TotalSeconds),
            settings.Version,
            settings.UpdatedAt,
            settings.UpdatedBy,
            user.IsGeneralAdministrator);
    }
}
