#!/usr/bin/env bash
# Installs what the tests need (when missing) and runs every test of WaApp.
# Usage: ./scripts/run_tests.sh [extra dotnet test arguments, e.g. --filter FullyQualifiedName~Webhook]
# Runs in two steps: in-process tests (test projects in parallel), then the Category=Serial ones, one project at a time.
# DYNAMODB_SERVICE_URL=http://host:port runs the storage tests against that endpoint instead of dynalite.
# A full run then runs the DynamoDB provider contract tests again against DynamoDB Local (DYNAMODB_LOCAL_TESTS=0 skips).
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
: >"$results.log"

# A --filter among the arguments narrows both steps (combined with each step's own filter).
user_filter=""
passthrough=()
while [ $# -gt 0 ]; do
  case "$1" in
    --filter) user_filter="$2"; shift 2 ;;
    --filter=*) user_filter="${1#--filter=}"; shift ;;
    *) passthrough+=("$1"); shift ;;
  esac
done
with_user_filter() { if [ -n "$user_filter" ]; then echo "($user_filter)&($1)"; else echo "$1"; fi; }

status=0
run_step() {
  local title="$1" filter="$2"
  shift 2
  echo "==> dotnet test ($title)"
  dotnet test WaApp.sln -c "$configuration" --no-build -nologo \
    --results-directory "$results" \
    --logger "console;verbosity=normal" --logger "trx" \
    --blame-hang-timeout 10m \
    --filter "$(with_user_filter "$filter")" \
    "$@" ${passthrough[@]+"${passthrough[@]}"} 2>&1 | tee -a "$results.log" || status=1
}

# Tests that start real processes (multi-process clusters, chaos, the browser, start_dev.sh) carry the trait
# Category=Serial: their timeouts assume the cores are not shared with other test projects, so they run after the
# rest, one project at a time.
run_step "in-process tests, projects in parallel" "Category!=Serial"
run_step "multi-process, chaos and browser tests, one project at a time" "Category=Serial" -m:1

# The DynamoDB provider contract tests once more, against AWS's DynamoDB Local (Java), so the providers are not
# shaped by one emulator; dynalite stays the fast default above. Only on a full run (no extra arguments) unless
# DYNAMODB_LOCAL_TESTS=1; DYNAMODB_LOCAL_TESTS=0 skips it. Its results go into the same log and summary.
if [ "${DYNAMODB_LOCAL_TESTS:-$([ $# -eq 0 ] && echo 1 || echo 0)}" = 1 ] && [ -z "${DYNAMODB_SERVICE_URL:-}" ]; then
  apt_install openjdk-17-jre-headless
  echo "==> dotnet test tests/DynamoDB.Tests (contract tests) against DynamoDB Local"
  contracts="FullyQualifiedName~WaApp.DynamoDB.Tests.Membership.|FullyQualifiedName~WaApp.DynamoDB.Tests.Storage."
  contracts+="|FullyQualifiedName~WaApp.DynamoDB.Tests.Reminders.|FullyQualifiedName~WaApp.DynamoDB.Tests.EventStore."
  contracts+="|FullyQualifiedName~WaApp.DynamoDB.Tests.Tables.DirectPutItemTests"
  DYNAMODB_STORE=dynamodb-local dotnet test tests/DynamoDB.Tests -c "$configuration" --no-build -nologo \
    --results-directory "$results/dynamodb-local" \
    --logger "console;verbosity=normal" --logger "trx" \
    --blame-hang-timeout 10m \
    --filter "$contracts" \
    2>&1 | tee -a "$results.log" || status=$?
fi

# What failed (if anything), then one closing line over all test projects, in the plain "N passed, N failed" form.
report_failed_tests "$results.log"
summarize_test_results "$results.log"
exit "$status"
