using System.Buffers;
using System.Text.Json;
using KumaTip.Application.Common;
using KumaTip.Application.Events.Ingestion;
using KumaTip.Web.Access;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

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
            .WithDescription("An event that cannot be stored (a wrong type, an oversized field, a Timestamp too far in the future, "
                             + "text that is not UTF-8 or holds a NUL or an unpaired surrogate) is refused by its index, with "
                             + "every reason; the others are stored. A body that is not a JSON array is refused whole (400).")
            .Accepts<JsonElement[]>("application/json")
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        return api;
    }

    private static async Task<Results<Ok<IngestionReport>, ProblemHttpResult>> IngestAsync(
        HttpContext http, string? tenant, EventIngestion ingestion, CancellationToken ct)
    {
        if (!IsUtf8Json(http.Request))
        {
            return WithStatus(
                new Error("unsupported_media_type", "Send the events as JSON in UTF-8: Content-Type: application/json."),
                StatusCodes.Status415UnsupportedMediaType);
        }

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

    /// <summary>
    /// Routing refuses another media type (<c>Accepts</c>); this refuses a missing Content-Type and a charset other than
    /// UTF-8, since the body is read as UTF-8 bytes.
    /// </summary>
    private static bool IsUtf8Json(HttpRequest request) =>
        request.HasJsonContentType()
        && HeaderUtilities.RemoveQuotes(MediaTypeHeaderValue.Parse(request.ContentType).Charset) is var charset
        && (charset.Length == 0 || charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) || charset.Equals("utf8", StringComparison.OrdinalIgnoreCase));

    private static ProblemHttpResult TooLarge(string message, string code, long limit) =>
        WithStatus(new Error(code, message), StatusCodes.Status413PayloadTooLarge, limit);

    private static ProblemHttpResult WithStatus(Error error, int status, long? limit = null)
    {
        var problem = ApiProblems.Create(error);
        problem.Status = status;
        if (limit is not null)
        {
            problem.Extensions["limit"] = limit;
        }

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
