using KumaTip.Application.Persistence;
using KumaTip.Application.Proxies;
using KumaTip.Application.Secrets;
using KumaTip.Application.Secrets.Sealing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KumaTip.IntegrationTests.Secrets;

/// <summary>What the database holds for a secret or proxy server, opened with the app's own keys: tests check what was kept.</summary>
public static class StoredSecrets
{
    public static Task<(string UserName, string Password, string PfxBase64, string PfxPassword)> UnsealSecretAsync<TDb>(this KumaTipApp<TDb> app, Guid id)
        where TDb : IDatabaseKind => app.AsAdministratorAsync(async sp =>
    {
        var secret = await sp.GetRequiredService<AppDbContext>().Set<Secret>().AsNoTracking().SingleAsync(s => s.Id == id);
        var sealer = sp.GetRequiredService<SecretSealer>();
        SealingContext Context(string field) => new(SecretFields.ObjectType, id, secret.Name, field);
        return (
            sealer.UnsealString(secret.WrappedDataKey, Context(SecretFields.UserName), secret.SealedUserName).Value!,
            sealer.UnsealString(secret.WrappedDataKey, Context(SecretFields.Password), secret.SealedPassword).Value!,
            Convert.ToBase64String(sealer.Unseal(secret.WrappedDataKey, Context(SecretFields.Pfx), secret.SealedPfx).Value!),
            sealer.UnsealString(secret.WrappedDataKey, Context(SecretFields.PfxPassword), secret.SealedPfxPassword).Value!);
    });

    public static Task<(string? UserName, string? Password)> UnsealProxyAsync<TDb>(this KumaTipApp<TDb> app, Guid id)
        where TDb : IDatabaseKind => app.AsAdministratorAsync(async sp =>
    {
        var proxy = await sp.GetRequiredService<AppDbContext>().Set<ProxyServer>().AsNoTracking().SingleAsync(p => p.Id == id);
        var sealer = sp.GetRequiredService<SecretSealer>();
        string? Open(byte[]? blob, string field) => blob is null
            ? null
            : sealer.UnsealString(proxy.WrappedDataKey, new SealingContext(ProxyFields.ObjectType, id, proxy.Name, field), blob).Value;
        return (Open(proxy.SealedUserName, ProxyFields.UserName), Open(proxy.SealedPassword, ProxyFields.Password));
    });

    public static Task<int> CountSecretsNamedAsync<TDb>(this KumaTipApp<TDb> app, string name)
        where TDb : IDatabaseKind => app.AsAdministratorAsync(sp =>
            sp.GetRequiredService<AppDbContext>().Set<Secret>().CountAsync(s => s.Name == name));
}
