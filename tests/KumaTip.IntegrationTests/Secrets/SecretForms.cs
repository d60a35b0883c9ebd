using System.Net.Http.Headers;

namespace KumaTip.IntegrationTests.Secrets;

/// <summary>A kti secret as a test creates it, with credentials unique to the test.</summary>
public sealed record TestSecret(string Name, Guid TenantId, string UserName, string Password, byte[] Pfx, string PfxPassword, string? Description = null)
{
    public static TestSecret New(Guid tenantId, byte[]? pfx = null, string? pfxPassword = null)
    {
        var password = pfxPassword ?? TestCertificates.UniqueSecret("pfxpw");
        return new TestSecret(
            "kti " + Guid.NewGuid().ToString("N")[..8],
            tenantId,
            TestCertificates.UniqueSecret("user"),
            TestCertificates.UniqueSecret("pw"),
            pfx ?? TestCertificates.Pfx(password),
            password,
            "Threat Lookup account");
    }

    /// <summary>The multipart form the API takes, or with <paramref name="prefix"/> <c>Input</c> the one the page posts.</summary>
    public MultipartFormDataContent ToForm(string? prefix = null, string fileName = "client.pfx") =>
        SecretForms.Build(new()
        {
            ["name"] = Name,
            ["tenantId"] = TenantId.ToString(),
            ["type"] = "kti",
            ["userName"] = UserName,
            ["password"] = Password,
            ["pfxPassword"] = PfxPassword,
            ["description"] = Description ?? string.Empty,
        }, Pfx, fileName, prefix: prefix);

    /// <summary>What the database should hold, in the form <see cref="StoredSecrets.UnsealSecretAsync"/> gives it.</summary>
    public (string UserName, string Password, string PfxBase64, string PfxPassword) Stored => (UserName, Password, Convert.ToBase64String(Pfx), PfxPassword);

    public override string ToString() => Name;
}

public static class SecretForms
{
    /// <summary>
    /// The API's field names (<c>name</c>, <c>pfx</c>), or with <paramref name="prefix"/> the page's, named after the
    /// bound input record's properties as the browser posts them (<c>Input.Name</c>, <c>Input.Pfx</c>).
    /// </summary>
    public static MultipartFormDataContent Build(Dictionary<string, string> fields, byte[]? pfx = null, string fileName = "client.pfx", string fileField = "pfx", string? prefix = null)
    {
        string Named(string field) => prefix is null ? field : $"{prefix}.{char.ToUpperInvariant(field[0])}{field[1..]}";
        var content = new MultipartFormDataContent();
        foreach (var (name, value) in fields)
        {
            content.Add(new StringContent(value), Named(name));
        }

        if (pfx is not null)
        {
            var file = new ByteArrayContent(pfx);
            file.Headers.ContentType = new MediaTypeHeaderValue("application/x-pkcs12");
            content.Add(file, Named(fileField), fileName);
        }

        return content;
    }
}

public sealed record CertificateDto(string Subject, string Issuer, string Thumbprint, DateTimeOffset NotBefore, DateTimeOffset NotAfter, bool Expired, bool ExpiresSoon, int DaysLeft, string? Warning);

public sealed record SecretDto(
    Guid Id,
    string Name,
    Guid TenantId,
    string TenantName,
    string Type,
    string? Description,
    bool UserNameSet,
    bool PasswordSet,
    bool PfxSet,
    bool PfxPasswordSet,
    CertificateDto Certificate,
    int Version);
