using KumaTip.Application.Common;
using KumaTip.Application.Secrets;
using KumaTip.Web.Hosting;
using KumaTip.Web.Uploads;

namespace KumaTip.Web.Api;

/// <summary>
/// /api/v1/secrets: the same service as Resources → Secrets. Create and replace are multipart/form-data with the
/// PFX file as part <c>pfx</c>; answers never contain a credential, only whether it is set.
/// </summary>
public static class SecretEndpoints
{
    public static RouteGroupBuilder MapSecretEndpoints(this RouteGroupBuilder api)
    {
        var secrets = api.MapGroup("/secrets").RequireAuthorization(IdentitySetup.AdministratorsPolicy).WithTags("Secrets");

        secrets.MapGet("/", async (Guid? tenantId, SecretService service, CancellationToken ct) =>
                Results.Ok((await service.ListAllAsync(ct)).Where(s => tenantId is null || s.TenantId == tenantId)))
            .WithSummary("The secrets of every tenant you may see (optionally of one tenant).");

        secrets.MapGet("/{id:guid}", async (Guid id, SecretService service, CancellationToken ct) =>
            await service.FindAsync(id, ct) is { } secret ? Results.Ok(secret) : ApiProblems.From(Error.NotFound("Secret")));

        secrets.MapPost("/", async (HttpRequest request, SecretService service, CancellationToken ct) =>
            {
                var input = await ReadInputAsync(request, ct);
                return input.Succeeded
                    ? (await service.CreateAsync(input.Value!, ct)).ToResult(s => Results.Created($"/api/v1/secrets/{s.Id}", s))
                    : UploadProblem(input.Error!);
            })
            .WithSummary("Create a kti secret. multipart/form-data: name, tenantId, type (kti), userName, password, pfx (file), pfxPassword, description.");

        secrets.MapPut("/{id:guid}", async (Guid id, HttpRequest request, SecretService service, CancellationToken ct) =>
            {
                var input = await ReadInputAsync(request, ct);
                return input.Succeeded
                    ? (await service.UpdateAsync(id, input.Value!, ct)).ToResult(Results.Ok)
                    : UploadProblem(input.Error!);
            })
            .WithSummary("Replace a secret. Same fields as create; an empty userName, password or pfxPassword and no pfx keep the stored value. A new pfx needs its pfxPassword. Optional version: refused when stale.");

        secrets.MapDelete("/{id:guid}", async (Guid id, SecretService service, CancellationToken ct) =>
                (await service.DeleteAsync(id, ct)).ToResult())
            .WithSummary("Delete a secret; refused while Settings → Kaspersky Threat Lookup uses it.");
        return api;
    }

    /// <summary>Validation errors as 400; an oversized upload as 413 with code <c>upload_too_large</c>.</summary>
    internal static IResult UploadProblem(Error error)
    {
        var problem = ApiProblems.Create(error);
        if (error.Code == LimitedForm.TooLargeCode)
        {
            problem.Status = StatusCodes.Status413PayloadTooLarge;
        }

        return Results.Problem(problem);
    }

    private static async Task<Result<SecretInput>> ReadInputAsync(HttpRequest request, CancellationToken ct)
    {
        var read = await LimitedForm.ReadAsync(request, ct);
        if (!read.Succeeded)
        {
            return read.Error!;
        }

        var form = read.Value!;
        return new SecretInput(
            form.Text("name"),
            form.Guid("tenantId"),
            string.IsNullOrWhiteSpace(form.Text("type")) ? SecretTypes.Kti : form.Text("type"),
            form.Text("userName"),
            form.Text("password"),
            await form.File("pfx").ReadFileAsync(ct),
            form.Text("pfxPassword"),
            form.Text("description"),
            form.Int("version"));
    }
}
