using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KumaTip.Application.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ObservableKeysInByteOrder : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "Key",
                table: "ObservableCache",
                type: "character varying(2100)",
                maxLength: 2100,
                nullable: false,
                collation: "C",
                oldClrType: typeof(string),
                oldType: "character varying(2100)",
                oldMaxLength: 2100);

            migrationBuilder.AlterColumn<string>(
                name: "Key",
                table: "ObservableAliases",
                type: "character varying(2100)",
                maxLength: 2100,
                nullable: false,
                collation: "C",
                oldClrType: typeof(string),
                oldType: "character varying(2100)",
                oldMaxLength: 2100);

            migrationBuilder.AlterColumn<string>(
                name: "ObservableKey",
                table: "EventObservables",
                type: "text",
                nullable: false,
                collation: "C",
                oldClrType: typeof(string),
                oldType: "text");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "Key",
                table: "ObservableCache",
                type: "character varying(2100)",
                maxLength: 2100,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(2100)",
                oldMaxLength: 2100,
                oldCollation: "C");

            migrationBuilder.AlterColumn<string>(
                name: "Key",
                table: "ObservableAliases",
                type: "character varying(2100)",
                maxLength: 2100,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(2100)",
                oldMaxLength: 2100,
                oldCollation: "C");

            migrationBuilder.AlterColumn<string>(
                name: "ObservableKey",
                table: "EventObservables",
                type: "text",
                nullable: false,
                oldClrType: typeof(string),
                oldType: "text",
                oldCollation: "C");
        }
    }
}
