using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KumaTip.Application.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class TaskTraceParent : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "TraceParent",
                table: "Tasks",
                type: "TEXT",
                maxLength: 64,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "TraceParent",
                table: "Tasks");
        }
    }
}
