using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KumaTip.Application.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class LicenceGovernance : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "LicenceAllocation",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false),
                    UserDailyBudget = table.Column<int>(type: "integer", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    UpdatedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LicenceAllocation", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "LicenceCounters",
                columns: table => new
                {
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    OwnerId = table.Column<Guid>(type: "uuid", nullable: false),
                    Period = table.Column<DateOnly>(type: "date", nullable: false),
                    Spent = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LicenceCounters", x => new { x.Kind, x.OwnerId, x.Period });
                });

            migrationBuilder.CreateTable(
                name: "LicenceSpending",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Period = table.Column<DateOnly>(type: "date", nullable: false),
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: true),
                    UserId = table.Column<Guid>(type: "uuid", nullable: true),
                    UserName = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Purpose = table.Column<int>(type: "integer", nullable: false),
                    FromPool = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LicenceSpending", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "TenantLicenceShares",
                columns: table => new
                {
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    Requests = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TenantLicenceShares", x => x.TenantId);
                    table.ForeignKey(
                        name: "FK_TenantLicenceShares_Tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.InsertData(
                table: "LicenceAllocation",
                columns: new[] { "Id", "UpdatedAt", "UpdatedBy", "UserDailyBudget", "Version" },
                values: new object[] { 1, null, null, null, 0 });

            migrationBuilder.CreateIndex(
                name: "IX_LicenceSpending_Day_TenantId",
                table: "LicenceSpending",
                columns: new[] { "Day", "TenantId" });

            migrationBuilder.CreateIndex(
                name: "IX_LicenceSpending_Period_TenantId",
                table: "LicenceSpending",
                columns: new[] { "Period", "TenantId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "LicenceAllocation");

            migrationBuilder.DropTable(
                name: "LicenceCounters");

            migrationBuilder.DropTable(
                name: "LicenceSpending");

            migrationBuilder.DropTable(
                name: "TenantLicenceShares");
        }
    }
}
