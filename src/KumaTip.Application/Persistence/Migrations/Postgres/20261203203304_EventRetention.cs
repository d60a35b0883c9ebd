using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KumaTip.Application.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class EventRetention : Migration
    {
        private const string PartitionByDay = """
            DO $$
            DECLARE
                today timestamptz := date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC';
                newest timestamptz;
                bound timestamptz;
                day timestamptz;
                old_sequence text;
                next_id bigint;
            BEGIN
                ALTER TABLE "Events" RENAME TO "Events_legacy";
                ALTER TABLE "Events_legacy" RENAME CONSTRAINT "PK_Events" TO "PK_Events_legacy";
                ALTER INDEX "IX_Events_Tenant_Timestamp_Id" RENAME TO "IX_Events_legacy_Tenant_Timestamp_Id";
                ALTER TABLE "EventObservables" RENAME TO "EventObservables_legacy";
                ALTER TABLE "EventObservables_legacy" RENAME CONSTRAINT "PK_EventObservables" TO "PK_EventObservables_legacy";

                -- The same columns, partitioned by day of Timestamp; ids go on from where the old sequence stopped.
                CREATE TABLE "Events" (LIKE "Events_legacy" INCLUDING DEFAULTS INCLUDING IDENTITY) PARTITION BY RANGE ("Timestamp");
                ALTER TABLE "Events" ADD CONSTRAINT "PK_Events" PRIMARY KEY ("Id", "Timestamp");
                CREATE INDEX "IX_Events_Tenant_Timestamp_Id" ON "Events" ("TenantId", "Timestamp", "Id");
                CREATE TABLE "EventObservables" (LIKE "EventObservables_legacy" INCLUDING DEFAULTS) PARTITION BY RANGE ("Timestamp");
                ALTER TABLE "EventObservables" ADD CONSTRAINT "PK_EventObservables" PRIMARY KEY ("TenantId", "ObservableKey", "Timestamp", "EventId");

                old_sequence := pg_get_serial_sequence('"Events_legacy"', 'Id');
                EXECUTE format('SELECT CASE WHEN is_called THEN last_value + 1 ELSE last_value END FROM %s', old_sequence) INTO next_id;
                PERFORM setval(pg_get_serial_sequence('"Events"', 'Id'), next_id, false);
                ALTER TABLE "Events_legacy" ALTER COLUMN "Id" DROP IDENTITY;

                -- The newest event, read per tenant from the (TenantId, Timestamp, Id) index rather than by a scan of the table.
                SELECT max(m) INTO newest FROM "Tenants" t
                    CROSS JOIN LATERAL (SELECT max(e."Timestamp") AS m FROM "Events_legacy" e WHERE e."TenantId" = t."Id") per_tenant;
                IF newest IS NULL AND NOT EXISTS (SELECT 1 FROM "Events_legacy") AND NOT EXISTS (SELECT 1 FROM "EventObservables_legacy") THEN
                    -- Nothing stored yet: daily partitions for the default retention.
                    DROP TABLE "Events_legacy";
                    DROP TABLE "EventObservables_legacy";
                    bound := today - interval '90 days';
                ELSE
                    -- The stored events become one partition for everything before the first daily one (no copy: its primary
                    -- key gains the partition key, and attaching checks the bound). The retention job deletes from it in
                    -- batches and drops it once it is wholly older than the longest retention.
                    bound := greatest(today, date_trunc('day', coalesce(newest, today) AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' + interval '1 day');
                    ALTER TABLE "Events_legacy" DROP CONSTRAINT "PK_Events_legacy";
                    ALTER TABLE "Events_legacy" ADD CONSTRAINT "PK_Events_legacy" PRIMARY KEY ("Id", "Timestamp");
                    EXECUTE format('ALTER TABLE "Events" ATTACH PARTITION "Events_legacy" FOR VALUES FROM (MINVALUE) TO (%L)', bound);
                    EXECUTE format('ALTER TABLE "EventObservables" ATTACH PARTITION "EventObservables_legacy" FOR VALUES FROM (MINVALUE) TO (%L)', bound);
                END IF;

                day := bound;
                WHILE day < today + interval '8 days' LOOP
                    EXECUTE format('CREATE TABLE %I (LIKE "Events")', 'Events_p' || to_char(day AT TIME ZONE 'UTC', 'YYYYMMDD'));
                    EXECUTE format('ALTER TABLE "Events" ATTACH PARTITION %I FOR VALUES FROM (%L) TO (%L)',
                        'Events_p' || to_char(day AT TIME ZONE 'UTC', 'YYYYMMDD'), day, day + interval '1 day');
                    EXECUTE format('CREATE TABLE %I (LIKE "EventObservables")', 'EventObservables_p' || to_char(day AT TIME ZONE 'UTC', 'YYYYMMDD'));
                    EXECUTE format('ALTER TABLE "EventObservables" ATTACH PARTITION %I FOR VALUES FROM (%L) TO (%L)',
                        'EventObservables_p' || to_char(day AT TIME ZONE 'UTC', 'YYYYMMDD'), day, day + interval '1 day');
                    day := day + interval '1 day';
                END LOOP;
            END $$;
            """;

        private const string Unpartition = """
            DO $$
            DECLARE
                next_id bigint;
            BEGIN
                -- Back to one table each (a copy of every row): the partitioned tables and their partitions are dropped.
                CREATE TABLE "Events_flat" (LIKE "Events" INCLUDING DEFAULTS INCLUDING IDENTITY);
                INSERT INTO "Events_flat" SELECT * FROM "Events";
                EXECUTE format('SELECT CASE WHEN is_called THEN last_value + 1 ELSE last_value END FROM %s', pg_get_serial_sequence('"Events"', 'Id')) INTO next_id;
                CREATE TABLE "EventObservables_flat" (LIKE "EventObservables" INCLUDING DEFAULTS);
                INSERT INTO "EventObservables_flat" SELECT * FROM "EventObservables";
                DROP TABLE "Events";
                DROP TABLE "EventObservables";
                ALTER TABLE "Events_flat" RENAME TO "Events";
                ALTER TABLE "EventObservables_flat" RENAME TO "EventObservables";
                PERFORM setval(pg_get_serial_sequence('"Events"', 'Id'), next_id, false);
                ALTER TABLE "Events" ADD CONSTRAINT "PK_Events" PRIMARY KEY ("Id", "Timestamp");
                CREATE INDEX "IX_Events_Tenant_Timestamp_Id" ON "Events" ("TenantId", "Timestamp", "Id");
                ALTER TABLE "EventObservables" ADD CONSTRAINT "PK_EventObservables" PRIMARY KEY ("TenantId", "ObservableKey", "Timestamp", "EventId");
            END $$;
            """;

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Events and their observable rows partitioned by day of Timestamp (UTC), so that the retention job drops
            // a day as a table instead of deleting its rows (ADR 013). The primary key of Events becomes (Id,
            // Timestamp): PostgreSQL requires the partition key in every unique index. Stored events are not copied:
            // the old tables become one partition each for everything before the first day partition.
            migrationBuilder.Sql(PartitionByDay);

            migrationBuilder.AddColumn<int>(
                name: "RetentionDays",
                table: "Tenants",
                type: "integer",
                nullable: false,
                defaultValue: 90);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "LastUsedAt",
                table: "ObservableCache",
                type: "timestamp with time zone",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(Unpartition);
            migrationBuilder.DropPrimaryKey(
                name: "PK_Events",
                table: "Events");

            migrationBuilder.DropColumn(
                name: "RetentionDays",
                table: "Tenants");

            migrationBuilder.DropColumn(
                name: "LastUsedAt",
                table: "ObservableCache");

            migrationBuilder.AddPrimaryKey(
                name: "PK_Events",
                table: "Events",
                column: "Id");
        }
    }
}
