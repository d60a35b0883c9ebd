#!/usr/bin/env bash
# Adds a migration with the same name for both providers: scripts/add-migration.sh NAME
set -euo pipefail
cd "$(dirname "$0")/.."
name=${1:?usage: scripts/add-migration.sh MigrationName}
dotnet tool restore >/dev/null
for provider in Sqlite Postgres; do
  dotnet ef migrations add "$name" --project src/KumaTip.Application --startup-project src/KumaTip.Application \
    --context "${provider}AppDbContext" --output-dir "Persistence/Migrations/$provider"
done
