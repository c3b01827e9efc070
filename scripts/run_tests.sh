#!/usr/bin/env bash
# Installs what the tests need (when missing) and runs every test of WaApp.
# Usage: ./scripts/run_tests.sh [extra dotnet test arguments, e.g. --filter FullyQualifiedName~Webhook]
# DYNAMODB_SERVICE_URL=http://host:port runs the storage tests against that endpoint instead of dynalite.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
# shellcheck source=scripts/lib/prerequisites.sh
source "$root/scripts/lib/prerequisites.sh"

configuration="${CONFIGURATION:-Debug}"
results="$root/TestResults"

require_dotnet
require_node
install_dynamodb_local
install_test_packages

echo "==> dotnet build WaApp.sln ($configuration)"
dotnet build WaApp.sln -c "$configuration" -nologo -v minimal

rm -rf "$results"
echo "==> dotnet test"
status=0
dotnet test WaApp.sln -c "$configuration" --no-build -nologo \
  --results-directory "$results" \
  --logger "console;verbosity=normal" --logger "trx" \
  --blame-hang-timeout 10m \
  "$@" 2>&1 | tee "$results.log" || status=$?

# What failed (if anything), then one closing line over all test projects, in the plain "N passed, N failed" form.
report_failed_tests "$results.log"
summarize_test_results "$results.log"
exit "$status"
