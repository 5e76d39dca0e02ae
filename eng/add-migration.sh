#!/usr/bin/env bash
# Adds a migration with the same name to both providers' migrations projects.
# Usage: eng/add-migration.sh NameOfTheChange
set -euo pipefail
name="${1:?usage: eng/add-migration.sh NameOfTheChange}"
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
for provider in Sqlite SqlServer; do
  project="src/PoliceFeeds.Migrations.$provider"
  dotnet build "$project" -nologo -v q >/dev/null
  dotnet ef migrations add "$name" --project "$project" --startup-project "$project" --output-dir Migrations --no-build
done
