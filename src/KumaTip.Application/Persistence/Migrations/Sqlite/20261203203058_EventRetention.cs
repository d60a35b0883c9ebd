using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KumaTip.Application.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class EventRetention : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "RetentionDays",
                table: "Tenants",
                type: "INTEGER",
                nullable: false,
                defaultValue: 90);

            migrationBuilder.AddColumn<long>(
                name: "LastUsedAt",
                table: "ObservableCache",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_EventObservables_Tenant_Timestamp",
                table: "EventObservables",
                columns: new[] { "TenantId", "Timestamp" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_EventObservables_Tenant_Timestamp",
                table: "EventObservables");

            migrationBuilder.DropColumn(
                name: "RetentionDays",
                table: "Tenants");

            migrationBuilder.DropColumn(
                name: "LastUsedAt",
                table: "ObservableCache");
        }
    }
}
