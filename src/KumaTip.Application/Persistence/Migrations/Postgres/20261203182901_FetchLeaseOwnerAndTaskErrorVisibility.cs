using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KumaTip.Application.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class FetchLeaseOwnerAndTaskErrorVisibility : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "ErrorRevealsConfiguration",
                table: "Tasks",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<Guid>(
                name: "FetchOwner",
                table: "ObservableCache",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_ObservableCache_FetchOwner",
                table: "ObservableCache",
                column: "FetchOwner",
                filter: "\"FetchOwner\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ObservableCache_FetchOwner",
                table: "ObservableCache");

            migrationBuilder.DropColumn(
                name: "ErrorRevealsConfiguration",
                table: "Tasks");

            migrationBuilder.DropColumn(
                name: "FetchOwner",
                table: "ObservableCache");
        }
    }
}
