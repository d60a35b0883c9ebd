using System.Buffers;
using KumaTip.Application.Common;
using KumaTip.Application.Events.Ingestion;
using KumaTip.Web.Access;
using Microsoft.AspNetCore.Http.HttpResults;

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
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        return api;
    }

    private static async Task<Results<Ok<IngestionReport>, ProblemHttpResult>> IngestAsync(
        HttpContext http, string? tenant, EventIngestion ingestion, CancellationToken ct)
    {
        var tokenTenant = http.User.FindFirst(IngestionTokenHandler.TenantClaim)?.Value is { } claimed ? Guid.Parse(claimed) : (Guid?)null;
        var tenantId = await ingestion.TenantOfBatchAsync(tokenTenant, tenant, ct);
        if (tenantId.Error is { } refused)
        {
            return refused.Problem();
        }

        var limits = ingestion.Limits;
        if (http.Request.ContentLength > limits.MaxBodyBytes)
        {
            return TooLarge($"The body is {http.Request.ContentLength} bytes; at most {limits.MaxBodyBytes} are accepted per request.", "body_too_large", limits.MaxBodyBytes);
        }

        using var body = await ReadBodyAsync(http.Request.Body, limits.MaxBodyBytes, ct);
        if (body is null)
        {
            return TooLarge($"The body is larger than {limits.MaxBodyBytes} bytes, the most accepted per request.", "body_too_large", limits.MaxBodyBytes);
        }

        var result = await ingestion.IngestAsync(tenantId.Value, body.WrittenMemory, ct);
        return result.Error is { Code: EventIngestion.BatchTooLargeCode } tooMany
            ? TooLarge(tooMany.Message, tooMany.Code, limits.MaxEventsPerBatch)
            : result.ToOk();
    }

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

    private static ProblemHttpResult TooLarge(string message, string code, long limit)
    {
        var problem = ApiProblems.Create(new Error(code, message));
        problem.Status = StatusCodes.Status413PayloadTooLarge;
        problem.Extensions["limit"] = limit;
        return TypedResults.Problem(problem);
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
