using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KumaTip.Application.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class TaskManagerVisits : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "TaskManagerVisits",
                columns: table => new
                {
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SeenAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TaskManagerVisits", x => x.UserId);
                    table.ForeignKey(
                        name: "FK_TaskManagerVisits_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Tasks_CreatedById_FinishedAt",
                table: "Tasks",
                columns: new[] { "CreatedById", "FinishedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Tasks_UpdatedAt",
                table: "Tasks",
                column: "UpdatedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "TaskManagerVisits");

            migrationBuilder.DropIndex(
                name: "IX_Tasks_CreatedById_FinishedAt",
                table: "Tasks");

            migrationBuilder.DropIndex(
                name: "IX_Tasks_UpdatedAt",
                table: "Tasks");
        }
    }
}
