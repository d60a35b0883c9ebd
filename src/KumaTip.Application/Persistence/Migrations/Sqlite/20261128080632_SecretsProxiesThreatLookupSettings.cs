using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KumaTip.Application.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SecretsProxiesThreatLookupSettings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ProxyServers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Url = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: false),
                    Bypass = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Description = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    WrappedDataKey = table.Column<byte[]>(type: "BLOB", nullable: false),
                    MasterKeyId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    SealedUserName = table.Column<byte[]>(type: "BLOB", nullable: true),
                    SealedPassword = table.Column<byte[]>(type: "BLOB", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProxyServers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ProxyServers_Tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Secrets",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    WrappedDataKey = table.Column<byte[]>(type: "BLOB", nullable: false),
                    MasterKeyId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    SealedUserName = table.Column<byte[]>(type: "BLOB", nullable: false),
                    SealedPassword = table.Column<byte[]>(type: "BLOB", nullable: false),
                    SealedPfx = table.Column<byte[]>(type: "BLOB", nullable: false),
                    SealedPfxPassword = table.Column<byte[]>(type: "BLOB", nullable: false),
                    CertificateSubject = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: false),
                    CertificateIssuer = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: false),
                    CertificateThumbprint = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CertificateNotBefore = table.Column<long>(type: "INTEGER", nullable: false),
                    CertificateNotAfter = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Secrets", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Secrets_Tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ThreatLookupSettings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    Disabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    SecretId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ProxyId = table.Column<Guid>(type: "TEXT", nullable: true),
                    BaseUrl = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: false),
                    PortalUrl = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: false),
                    ExtraCaPem = table.Column<string>(type: "TEXT", maxLength: 262144, nullable: true),
                    LicenceQuota = table.Column<int>(type: "INTEGER", nullable: false),
                    LicencePeriodEnd = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    CacheFreshness = table.Column<TimeSpan>(type: "TEXT", nullable: false),
                    NotFoundFreshness = table.Column<TimeSpan>(type: "TEXT", nullable: false),
                    MaxParallelRequests = table.Column<int>(type: "INTEGER", nullable: false),
                    RequestTimeout = table.Column<TimeSpan>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ThreatLookupSettings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ThreatLookupSettings_ProxyServers_ProxyId",
                        column: x => x.ProxyId,
                        principalTable: "ProxyServers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ThreatLookupSettings_Secrets_SecretId",
                        column: x => x.SecretId,
                        principalTable: "Secrets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ProxyServers_MasterKeyId",
                table: "ProxyServers",
                column: "MasterKeyId");

            migrationBuilder.CreateIndex(
                name: "IX_ProxyServers_TenantId_Name",
                table: "ProxyServers",
                columns: new[] { "TenantId", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Secrets_MasterKeyId",
                table: "Secrets",
                column: "MasterKeyId");

            migrationBuilder.CreateIndex(
                name: "IX_Secrets_TenantId_Name",
                table: "Secrets",
                columns: new[] { "TenantId", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ThreatLookupSettings_ProxyId",
                table: "ThreatLookupSettings",
                column: "ProxyId");

            migrationBuilder.CreateIndex(
                name: "IX_ThreatLookupSettings_SecretId",
                table: "ThreatLookupSettings",
                column: "SecretId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ThreatLookupSettings");

            migrationBuilder.DropTable(
                name: "ProxyServers");

            migrationBuilder.DropTable(
                name: "Secrets");
        }
    }
}
