using System.Buffers;
using KumaTip.Application.Common;
using KumaTip.Application.Events.Ingestion;
using KumaTip.Application.Identity;
using KumaTip.Application.Persistence;
using KumaTip.Application.Tenancy;
using KumaTip.Web.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace KumaTip.Web.Api;

/// <summary>
/// <c>POST /api/v1/events?tenant={id or name}</c>: a JSON array of events for one tenant. Accepted callers: a
/// per-tenant ingestion token (<c>kte_…</c>, the tenant is the token's), or an administrator of the tenant signed in
/// or with a personal access token. Analysts read events but do not write them.
/// </summary>
public static class EventIngestionEndpoint
{
    public static RouteGroupBuilder MapEventIngestion(this RouteGroupBuilder api)
    {
        api.MapPost("/events", IngestAsync)
            .WithSummary("Ingest a JSON array of events for one tenant; answers how many were stored and why the others were refused.")
            .Produces<IngestionReport>()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        return api;
    }

    private static async Task<IResult> IngestAsync(
        HttpContext http, string? tenant, EventIngestion ingestion, TenantAccess access, CurrentUser user, AppDbContext db, CancellationToken ct)
    {
        var tenantId = await ResolveTenantAsync(http, tenant, access, user, db, ct);
        if (tenantId.Error is { } refused)
        {
            return ApiProblems.From(refused);
        }

        var limits = ingestion.Limits;
        if (http.Request.ContentLength > limits.MaxBodyBytes)
        {
            return TooLarge($"The body is {http.Request.ContentLength} bytes; at most {limits.MaxBodyBytes} are accepted per request.", "body_too_large", limits.MaxBodyBytes);
        }

        var body = await ReadBodyAsync(http.Request.Body, limits.MaxBodyBytes, ct);
        if (body is null)
        {
            return TooLarge($"The body is larger than {limits.MaxBodyBytes} bytes, the most accepted per request.", "body_too_large", limits.MaxBodyBytes);
        }

        try
        {
            var result = await ingestion.IngestAsync(tenantId.Value, body.WrittenMemory, ct);
            if (result.Error is { Code: EventIngestion.BatchTooLargeCode } tooMany)
            {
                return TooLarge(tooMany.Message, tooMany.Code, limits.MaxEventsPerBatch);
            }

            return result.ToResult(Results.Ok);
        }
        finally
        {
            body.Dispose();
        }
    }

    private static async Task<Result<Guid>> ResolveTenantAsync(
        HttpContext http, string? tenant, TenantAccess access, CurrentUser user, AppDbContext db, CancellationToken ct)
    {
        if (http.User.FindFirst(IngestionTokenHandler.TenantClaim)?.Value is { } claimed)
        {
            var tokenTenant = Guid.Parse(claimed);
            if (!string.IsNullOrWhiteSpace(tenant) && !await IsTenantAsync(db.Tenants.IgnoreQueryFilters(), tokenTenant, tenant.Trim(), ct))
            {
                return new Error("token_tenant_mismatch", "This ingestion token belongs to another tenant.", ErrorKind.Forbidden);
            }

            access.Grant([tokenTenant]);
            return tokenTenant;
        }

        if (!user.IsAdministrator)
        {
            return new Error(
                "ingestion_forbidden",
                "Only administrators of the tenant, or its ingestion tokens, may send events.",
                ErrorKind.Forbidden);
        }

        if (string.IsNullOrWhiteSpace(tenant))
        {
            return Error.Invalid("tenant", "Name the tenant the events belong to: ?tenant={id or name}.");
        }

        var value = tenant.Trim();
        var found = Guid.TryParse(value, out var id)
            ? await db.Tenants.AsNoTracking().Where(t => t.Id == id).Select(t => (Guid?)t.Id).FirstOrDefaultAsync(ct)
            : await db.Tenants.AsNoTracking().Where(t => t.Name == value).Select(t => (Guid?)t.Id).FirstOrDefaultAsync(ct);
        return found is { } tenantId ? tenantId : Error.NotFound("Tenant");
    }

    private static async Task<bool> IsTenantAsync(IQueryable<Tenant> tenants, Guid tenantId, string idOrName, CancellationToken ct) =>
        Guid.TryParse(idOrName, out var id)
            ? id == tenantId
            : await tenants.AnyAsync(t => t.Id == tenantId && t.Name == idOrName, ct);

    /// <summary>Reads the body into pooled memory, or returns null as soon as it passes <paramref name="limit"/>.</summary>
    private static async Task<PooledBody?> ReadBodyAsync(Stream body, long limit, CancellationToken ct)
    {
        var buffer = new PooledBody();
        while (true)
        {
            var memory = buffer.GetMemory(64 * 1024);
            var read = await body.ReadAsync(memory, ct);
            if (read == 0)
            {
                return buffer;
            }

            buffer.Advance(read);
            if (buffer.WrittenCount > limit)
            {
                buffer.Dispose();
                return null;
            }
        }
    }

    private static IResult TooLarge(string message, string code, long limit)
    {
        var problem = new ProblemDetails
        {
            Status = StatusCodes.Status413PayloadTooLarge,
            Title = message,
            Type = $"https://kumatip.dev/errors/{code}",
        };
        problem.Extensions["code"] = code;
        problem.Extensions["limit"] = limit;
        return Results.Problem(problem);
    }

    /// <summary>A growable buffer on rented arrays, so a 16 MiB batch does not land on the large object heap each time.</summary>
    private sealed class PooledBody : IDisposable
    {
        private byte[] _array = ArrayPool<byte>.Shared.Rent(256 * 1024);

        public int WrittenCount { get; private set; }

        public ReadOnlyMemory<byte> WrittenMemory => _array.AsMemory(0, WrittenCount);

        public Memory<byte> GetMemory(int size)
        {
            if (_array.Length - WrittenCount < size)
            {
                var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(_array.Length * 2, WrittenCount + size));
                _array.AsSpan(0, WrittenCount).CopyTo(bigger);
                ArrayPool<byte>.Shared.Return(_array);
                _array = bigger;
            }

            return _array.AsMemory(WrittenCount);
        }

        public void Advance(int count) => WrittenCount += count;

        public void Dispose()
        {
            ArrayPool<byte>.Shared.Return(_array);
            _array = [];
        }
    }
}
