using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KumaTip.Application.Events;

/// <summary>
/// Table and index layout for events, chosen for newest-first keyset pagination over millions of rows
/// (see docs/decisions/004-events-storage.md). Lengths are checked at ingestion, so columns are plain text.
/// </summary>
internal sealed class EventConfiguration : IEntityTypeConfiguration<Event>
{
    public void Configure(EntityTypeBuilder<Event> builder)
    {
        builder.ToTable("Events");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedOnAdd();

        // No foreign keys on the two event tables (ADR 004): they are an append-only log with a single writer,
        // EventIngestion, which checks the tenant and writes an event and its observables in one transaction. Keys
        // would add a referential check per row to every COPY, a fifth of PostgreSQL's CPU per event ingested.
        builder.Ignore(e => e.Observables);

        // A page is a backward range scan of this index per selected tenant (several tenants: one scan each, merged
        // by EventQueries). No (Timestamp, Id) index for several tenants: every event would enter it (ADR 004).
        builder.HasIndex(e => new { e.TenantId, e.Timestamp, e.Id }).HasDatabaseName("IX_Events_Tenant_Timestamp_Id");
    }
}

internal sealed class EventObservableConfiguration : IEntityTypeConfiguration<EventObservable>
{
    public void Configure(EntityTypeBuilder<EventObservable> builder)
    {
        builder.ToTable("EventObservables");

        // The one index: "events that contain X", newest first (equality on tenant and key, then the order of the
        // events list), and unique because an event has one row per distinct key. No second index by EventId:
        // each would cost every observable row (about four per event) one more index entry (ADR 004).
        builder.HasKey(o => new { o.TenantId, o.ObservableKey, o.Timestamp, o.EventId });
        builder.Property(o => o.Type).HasConversion<string>().HasMaxLength(8);
    }
}
