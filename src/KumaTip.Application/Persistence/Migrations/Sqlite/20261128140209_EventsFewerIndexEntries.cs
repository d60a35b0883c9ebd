using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KumaTip.Application.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class EventsFewerIndexEntries : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Events_Timestamp_Id",
                table: "Events");

            migrationBuilder.DropPrimaryKey(
                name: "PK_EventObservables",
                table: "EventObservables");

            migrationBuilder.DropIndex(
                name: "IX_EventObservables_Tenant_Key_Timestamp_EventId",
                table: "EventObservables");

            migrationBuilder.AddPrimaryKey(
                name: "PK_EventObservables",
                table: "EventObservables",
                columns: new[] { "TenantId", "ObservableKey", "Timestamp", "EventId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "PK_EventObservables",
                table: "EventObservables");

            migrationBuilder.AddPrimaryKey(
                name: "PK_EventObservables",
                table: "EventObservables",
                columns: new[] { "EventId", "ObservableKey" });

            migrationBuilder.CreateIndex(
                name: "IX_Events_Timestamp_Id",
                table: "Events",
                columns: new[] { "Timestamp", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_EventObservables_Tenant_Key_Timestamp_EventId",
                table: "EventObservables",
                columns: new[] { "TenantId", "ObservableKey", "Timestamp", "EventId" });
        }
    }
}
