using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KumaTip.Application.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PersonalAccessTokenExpiry : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "ExpiresAt",
                table: "PersonalAccessTokens",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            // Tokens made before expiry existed live as long as a new token does by default: 90 days from creation.
            // Times are stored by DateTimeOffsetToBinaryConverter as (ticks / 1000) << 11 | offset minutes, so 90 days
            // add 90 * 864,000,000 (days in units of 1,000 ticks) * 2,048 and leave the offset bits as they were.
            migrationBuilder.Sql("UPDATE \"PersonalAccessTokens\" SET \"ExpiresAt\" = \"CreatedAt\" + 90 * 864000000 * 2048;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ExpiresAt",
                table: "PersonalAccessTokens");
        }
    }
}
