using KumaTip.Application.Events;
using Npgsql;
using NpgsqlTypes;

namespace KumaTip.Bench;

/// <summary>
/// The yardstick: the same rows (events and their observable index rows, prepared beforehand) written with plain
/// binary COPY, one transaction per batch, ids from the same sequence with the same statement. No HTTP, no JSON, no
/// validation, no extraction. Values go through Npgsql's own binary importer, the ordinary way to COPY from .NET (the
/// application encodes the same rows itself, see EventBulkWriter and BinaryCopyWriter).
/// </summary>
public static class RawCopy
{
    private static readonly string[] TypeNames = Enum.GetNames<KumaTip.Application.Observables.ObservableType>();

    /// <summary>Observable rows as ingestion makes them; done before timing, so COPY alone is measured.</summary>
    public static List<(Event Event, List<EventObservable> Observables)> Prepare(IEnumerable<Event> events, Guid tenantId, DateTimeOffset receivedAt) =>
        events.Select(e =>
        {
            e.TenantId = tenantId;
            e.ReceivedAt = receivedAt;
            var rows = EventObservableExtraction.Distinct(EventObservableExtraction.Extract(e)).Select(f => new EventObservable
            {
                TenantId = tenantId,
                ObservableKey = f.Observable.Key,
                Type = f.Observable.Type,
                Field = f.Field,
                Timestamp = e.Timestamp,
                IsPrivateOrReserved = f.Observable.IsPrivateOrReserved,
            }).ToList();
            return (e, rows);
        }).ToList();

    public static async Task WriteAsync(NpgsqlDataSource dataSource, IReadOnlyList<(Event Event, List<EventObservable> Observables)> batch)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var ids = new NpgsqlCommand(
                         "WITH s AS MATERIALIZED (SELECT pg_get_serial_sequence('\"Events\"', 'Id')::regclass AS seq) SELECT nextval(s.seq) FROM s, generate_series(1, $1)",
                         connection))
        {
            ids.Parameters.Add(new NpgsqlParameter { Value = batch.Count, NpgsqlDbType = NpgsqlDbType.Integer });
            await using var reader = await ids.ExecuteReaderAsync();
            var i = 0;
            while (await reader.ReadAsync())
            {
                batch[i++].Event.Id = reader.GetInt64(0);
            }
        }

        await using (var importer = await connection.BeginBinaryImportAsync(
                         "COPY \"Events\" (\"Id\", \"TenantId\", \"Timestamp\", \"ReceivedAt\", \"Name\", \"DeviceVendor\", \"DeviceProduct\", "
                         + "\"DeviceEventCategory\", \"Severity\", \"SourceAddress\", \"SourcePort\", \"SourceHostName\", \"SourceUserName\", "
                         + "\"DestinationAddress\", \"DestinationPort\", \"DestinationHostName\", \"RequestUrl\", \"FileHash\", \"FileName\", "
                         + "\"FilePath\", \"Message\", \"Extra\") FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var (e, _) in batch)
            {
                importer.StartRow();
                importer.Write(e.Id, NpgsqlDbType.Bigint);
                importer.Write(e.TenantId, NpgsqlDbType.Uuid);
                importer.Write(e.Timestamp, NpgsqlDbType.TimestampTz);
                importer.Write(e.ReceivedAt, NpgsqlDbType.TimestampTz);
                foreach (var text in new[] { e.Name, e.DeviceVendor, e.DeviceProduct, e.DeviceEventCategory, e.Severity, e.SourceAddress })
                {
                    Text(importer, text);
                }

                Integer(importer, e.SourcePort);
                foreach (var text in new[] { e.SourceHostName, e.SourceUserName, e.DestinationAddress })
                {
                    Text(importer, text);
                }

                Integer(importer, e.DestinationPort);
                foreach (var text in new[] { e.DestinationHostName, e.RequestUrl, e.FileHash, e.FileName, e.FilePath, e.Message, e.Extra })
                {
                    Text(importer, text);
                }
            }

            await importer.CompleteAsync();
        }

        await using (var importer = await connection.BeginBinaryImportAsync(
                         "COPY \"EventObservables\" (\"EventId\", \"TenantId\", \"ObservableKey\", \"Type\", \"Field\", \"Timestamp\", \"IsPrivateOrReserved\") FROM STDIN (FORMAT BINARY)"))
        {
            // In key order, as the application writes them (EventBulkWriter): the same rows, the same index work.
            // Parallel arrays (keys, events, rows) sorted through an index array: a list of pairs of this size would be
            // a large-object allocation, and a gen 2 collection, per batch.
            var events = batch.SelectMany(b => b.Observables.Select(_ => b.Event)).ToArray();
            var observables = batch.SelectMany(b => b.Observables).ToArray();
            var keys = observables.Select(o => o.ObservableKey).ToArray();
            var order = Enumerable.Range(0, keys.Length).ToArray();
            Array.Sort(keys, order, StringComparer.Ordinal);
            foreach (var i in order)
            {
                var (e, o) = (events[i], observables[i]);
                importer.StartRow();
                importer.Write(e.Id, NpgsqlDbType.Bigint);
                importer.Write(e.TenantId, NpgsqlDbType.Uuid);
                importer.Write(o.ObservableKey, NpgsqlDbType.Text);
                importer.Write(TypeNames[(int)o.Type], NpgsqlDbType.Text);
                importer.Write(o.Field, NpgsqlDbType.Text);
                importer.Write(o.Timestamp, NpgsqlDbType.TimestampTz);
                importer.Write(o.IsPrivateOrReserved, NpgsqlDbType.Boolean);
            }

            await importer.CompleteAsync();
        }

        await transaction.CommitAsync();
    }

    private static void Text(NpgsqlBinaryImporter importer, string? value)
    {
        if (value is null)
        {
            importer.WriteNull();
        }
        else
        {
            importer.Write(value, NpgsqlDbType.Text);
        }
    }

    private static void Integer(NpgsqlBinaryImporter importer, int? value)
    {
        if (value is { } v)
        {
            importer.Write(v, NpgsqlDbType.Integer);
        }
        else
        {
            importer.WriteNull();
        }
    }
}
