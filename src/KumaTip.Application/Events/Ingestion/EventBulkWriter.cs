using KumaTip.Application.Observables;
using KumaTip.Application.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace KumaTip.Application.Events.Ingestion;

/// <summary>
/// Stores a batch of events and their observables in one transaction: binary COPY on PostgreSQL (ids allocated up
/// front with one query), EF Core <c>AddRange</c> with change detection off on SQLite.
/// </summary>
public sealed class EventBulkWriter(AppDbContext db)
{
    internal const string EventColumns =
        "\"Id\", \"TenantId\", \"Timestamp\", \"ReceivedAt\", \"Name\", \"DeviceVendor\", \"DeviceProduct\", \"DeviceEventCategory\", "
        + "\"Severity\", \"SourceAddress\", \"SourcePort\", \"SourceHostName\", \"SourceUserName\", \"DestinationAddress\", "
        + "\"DestinationPort\", \"DestinationHostName\", \"RequestUrl\", \"FileHash\", \"FileName\", \"FilePath\", \"Message\", \"Extra\"";

    internal const string ObservableColumns =
        "\"EventId\", \"TenantId\", \"ObservableKey\", \"Type\", \"Field\", \"Timestamp\", \"IsPrivateOrReserved\"";

    private static readonly string[] TypeNames = Enum.GetNames<ObservableType>();

    /// <summary>Writes the events (their <see cref="Event.Observables"/> included); ids are assigned on the entities.</summary>
    public async Task WriteAsync(IReadOnlyList<Event> events, CancellationToken ct)
    {
        if (events.Count == 0)
        {
            return;
        }

        if (db.Database.IsNpgsql())
        {
            await CopyAsync(events, ct);
        }
        else
        {
            await AddRangeAsync(events, ct);
        }
    }

    private async Task AddRangeAsync(IReadOnlyList<Event> events, CancellationToken ct)
    {
        var detect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            db.Set<Event>().AddRange(events);
            await db.SaveChangesAsync(ct); // one transaction for the whole batch
        }
        finally
        {
            db.ChangeTracker.Clear();
            db.ChangeTracker.AutoDetectChangesEnabled = detect;
        }
    }

    private async Task CopyAsync(IReadOnlyList<Event> events, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            await AllocateIdsAsync(connection, events, ct);

            await using (var importer = await connection.BeginBinaryImportAsync($"COPY \"Events\" ({EventColumns}) FROM STDIN (FORMAT BINARY)", ct))
            {
                foreach (var e in events)
                {
                    await WriteEventAsync(importer, e, ct);
                }

                await importer.CompleteAsync(ct);
            }

            await using (var importer = await connection.BeginBinaryImportAsync($"COPY \"EventObservables\" ({ObservableColumns}) FROM STDIN (FORMAT BINARY)", ct))
            {
                foreach (var e in events)
                {
                    foreach (var o in e.Observables)
                    {
                        await WriteObservableAsync(importer, e, o, ct);
                    }
                }

                await importer.CompleteAsync(ct);
            }

            await transaction.CommitAsync(ct);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task AllocateIdsAsync(NpgsqlConnection connection, IReadOnlyList<Event> events, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            "SELECT nextval(pg_get_serial_sequence('\"Events\"', 'Id')) FROM generate_series(1, $1)", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = events.Count, NpgsqlDbType = NpgsqlDbType.Integer });
        await using var reader = await command.ExecuteReaderAsync(ct);
        var i = 0;
        while (await reader.ReadAsync(ct))
        {
            var id = reader.GetInt64(0);
            events[i].Id = id;
            foreach (var o in events[i].Observables)
            {
                o.EventId = id;
            }

            i++;
        }
    }

    internal static async Task WriteEventAsync(NpgsqlBinaryImporter importer, Event e, CancellationToken ct)
    {
        await importer.StartRowAsync(ct);
        await importer.WriteAsync(e.Id, NpgsqlDbType.Bigint, ct);
        await importer.WriteAsync(e.TenantId, NpgsqlDbType.Uuid, ct);
        await importer.WriteAsync(e.Timestamp, NpgsqlDbType.TimestampTz, ct);
        await importer.WriteAsync(e.ReceivedAt, NpgsqlDbType.TimestampTz, ct);
        await TextAsync(importer, e.Name, ct);
        await TextAsync(importer, e.DeviceVendor, ct);
        await TextAsync(importer, e.DeviceProduct, ct);
        await TextAsync(importer, e.DeviceEventCategory, ct);
        await TextAsync(importer, e.Severity, ct);
        await TextAsync(importer, e.SourceAddress, ct);
        await IntegerAsync(importer, e.SourcePort, ct);
        await TextAsync(importer, e.SourceHostName, ct);
        await TextAsync(importer, e.SourceUserName, ct);
        await TextAsync(importer, e.DestinationAddress, ct);
        await IntegerAsync(importer, e.DestinationPort, ct);
        await TextAsync(importer, e.DestinationHostName, ct);
        await TextAsync(importer, e.RequestUrl, ct);
        await TextAsync(importer, e.FileHash, ct);
        await TextAsync(importer, e.FileName, ct);
        await TextAsync(importer, e.FilePath, ct);
        await TextAsync(importer, e.Message, ct);
        await TextAsync(importer, e.Extra, ct);
    }

    internal static async Task WriteObservableAsync(NpgsqlBinaryImporter importer, Event e, EventObservable o, CancellationToken ct)
    {
        await importer.StartRowAsync(ct);
        await importer.WriteAsync(e.Id, NpgsqlDbType.Bigint, ct);
        await importer.WriteAsync(e.TenantId, NpgsqlDbType.Uuid, ct);
        await importer.WriteAsync(o.ObservableKey, NpgsqlDbType.Text, ct);
        await importer.WriteAsync(TypeNames[(int)o.Type], NpgsqlDbType.Text, ct);
        await importer.WriteAsync(o.Field, NpgsqlDbType.Text, ct);
        await importer.WriteAsync(e.Timestamp, NpgsqlDbType.TimestampTz, ct);
        await importer.WriteAsync(o.IsPrivateOrReserved, NpgsqlDbType.Boolean, ct);
    }

    private static Task TextAsync(NpgsqlBinaryImporter importer, string? value, CancellationToken ct) =>
        value is null ? importer.WriteNullAsync(ct) : importer.WriteAsync(value, NpgsqlDbType.Text, ct);

    private static Task IntegerAsync(NpgsqlBinaryImporter importer, int? value, CancellationToken ct) =>
        value is { } v ? importer.WriteAsync(v, NpgsqlDbType.Integer, ct) : importer.WriteNullAsync(ct);
}
