using System.Text.Json;
using KumaTip.Application.Common;
using KumaTip.Application.Identity;
using KumaTip.Application.Persistence;
using KumaTip.Application.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KumaTip.Application.Events.Ingestion;

/// <summary>
/// Takes a posted batch (a JSON array) for one tenant: every valid event is stored with its observables, every
/// invalid one is reported by its index with the reasons. Nothing is dropped silently.
/// </summary>
public sealed class EventIngestion(
    AppDbContext db,
    TenantAccess access,
    CurrentUser user,
    EventBulkWriter writer,
    IngestionMetrics metrics,
    IOptions<EventIngestionOptions> options,
    TimeProvider time)
{
    public const string BatchTooLargeCode = "batch_too_large";

    public EventIngestionOptions Limits => options.Value;

    /// <summary>
    /// The tenant a batch goes to: an ingestion token's own (<paramref name="tokenTenant"/>; a tenant named besides
    /// must be the same), or the one an administrator names by id or name among the tenants he may see.
    /// </summary>
    public async Task<Result<Guid>> TenantOfBatchAsync(Guid? tokenTenant, string? named, CancellationToken ct)
    {
        named = named?.Trim();
        if (tokenTenant is { } own)
        {
            if (!string.IsNullOrEmpty(named) && !(Guid.TryParse(named, out var namedId)
                    ? namedId == own
                    : await db.Tenants.IgnoreQueryFilters().AnyAsync(t => t.Id == own && t.Name == named, ct)))
            {
                return new Error("token_tenant_mismatch", "This ingestion token belongs to another tenant.", ErrorKind.Forbidden);
            }

            // The token is the proof of access to its one tenant.
            access.Grant([own]);
            return own;
        }

        if (!user.IsAdministrator)
        {
            return new Error("ingestion_forbidden", "Only administrators of the tenant, or its ingestion tokens, may send events.", ErrorKind.Forbidden);
        }

        if (string.IsNullOrEmpty(named))
        {
            return Error.Invalid("tenant", "Name the tenant the events belong to: ?tenant={id or name}.");
        }

        var tenants = db.Tenants.AsNoTracking();
        var found = await (Guid.TryParse(named, out var id) ? tenants.Where(t => t.Id == id) : tenants.Where(t => t.Name == named))
            .Select(t => (Guid?)t.Id).FirstOrDefaultAsync(ct);
        return found is { } tenantId ? tenantId : Error.NotFound("Tenant");
    }

    /// <param name="utf8Json">The request body: a JSON array of event objects.</param>
    public async Task<Result<IngestionReport>> IngestAsync(Guid tenantId, ReadOnlyMemory<byte> utf8Json, CancellationToken ct)
    {
        if (!access.Allows(tenantId) || await RetentionDaysAsync(tenantId, ct) is not { } retentionDays)
        {
            return Error.NotFound("Tenant");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8Json, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException ex)
        {
            return new Error("malformed_json", $"The body is not valid JSON: {ex.Message}");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Array)
            {
                return new Error("events_array_expected", "The body must be a JSON array of events: [ {\"Timestamp\": ..., \"Name\": ...}, ... ].");
            }

            var count = root.GetArrayLength();
            if (count > Limits.MaxEventsPerBatch)
            {
                return new Error(BatchTooLargeCode, $"The batch holds {count} events; at most {Limits.MaxEventsPerBatch} are accepted per request. Split it.");
            }

            var now = time.GetUtcNow();
            var (events, rejected) = Read(root, tenantId, now, Limits.MaxClockSkew, new RetainedSince(now.AddDays(-retentionDays), retentionDays));
            await writer.WriteAsync(events, ct);
            return metrics.Counted(new IngestionReport(events.Count, rejected));
        }
    }

    /// <summary>
    /// Stores events built in code (the demo seeder, benchmarks): observables are extracted exactly as for posted
    /// events. Only for events already valid; posted JSON goes through <see cref="IngestAsync"/>. Events older than
    /// the tenant's retention are left out, as ingestion refuses them: the count says how many were stored.
    /// </summary>
    public async Task<Result<int>> StoreAsync(Guid tenantId, IReadOnlyList<Event> events, CancellationToken ct)
    {
        if (!access.Allows(tenantId) || await RetentionDaysAsync(tenantId, ct) is not { } retentionDays)
        {
            return Error.NotFound("Tenant");
        }

        var receivedAt = time.GetUtcNow();
        var earliest = receivedAt.AddDays(-retentionDays);
        events = events.Where(e => e.Timestamp >= earliest).ToList();
        var memo = new ExtractionMemo();
        foreach (var e in events)
        {
            Prepare(e, tenantId, receivedAt, memo);
        }

        await writer.WriteAsync(events, ct);
        return events.Count;
    }

    /// <summary>Sets the tenant and arrival time and indexes the event's observables (one row per distinct key).</summary>
    internal static void Prepare(Event e, Guid tenantId, DateTimeOffset receivedAt, ExtractionMemo memo)
    {
        e.TenantId = tenantId;
        e.ReceivedAt = receivedAt;
        e.Observables.Clear();
        foreach (var found in EventObservableExtraction.Distinct(EventObservableExtraction.Extract(e, memo)))
        {
            e.Observables.Add(new EventObservable
            {
                TenantId = tenantId,
                ObservableKey = found.Observable.Key,
                Type = found.Observable.Type,
                Field = found.Field,
                Timestamp = e.Timestamp,
                IsPrivateOrReserved = found.Observable.IsPrivateOrReserved,
            });
        }
    }

    private Task<int?> RetentionDaysAsync(Guid tenantId, CancellationToken ct) =>
        db.Tenants.AsNoTracking().Where(t => t.Id == tenantId).Select(t => (int?)t.RetentionDays).FirstOrDefaultAsync(ct);

    private static (List<Event> Events, List<RejectedEvent> Rejected) Read(
        JsonElement array, Guid tenantId, DateTimeOffset receivedAt, TimeSpan maxClockSkew, RetainedSince kept)
    {
        var latest = receivedAt + maxClockSkew;
        var events = new List<Event>(array.GetArrayLength());
        var rejected = new List<RejectedEvent>();
        var errors = new List<string>();
        var memo = new ExtractionMemo();
        var index = 0;
        foreach (var element in array.EnumerateArray())
        {
            errors.Clear();
            if (EventJsonReader.Read(element, latest, errors, memo, kept) is { } e)
            {
                Prepare(e, tenantId, receivedAt, memo);
                events.Add(e);
            }
            else
            {
                rejected.Add(new RejectedEvent(index, errors.ToList()));
            }

            index++;
        }

        return (events, rejected);
    }
}
