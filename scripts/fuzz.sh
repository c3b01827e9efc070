#!/usr/bin/env bash
# Time-bounded randomized mutation run against the real gateway (one silo, dynalite), seeded from
# tests/Fixtures/webhooks: tests/EndToEnd/WebhookMutationFuzzTests for longer than the suite's few seconds.
# Usage: ./scripts/fuzz.sh [seconds=300] [seed]   (findings: bodies kept under TestResults/fuzz-findings/)
# Not coverage-guided; scripts/fuzz_parser.sh is (AFL++ and SharpFuzz on the parser alone).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
# shellcheck source=scripts/lib/prerequisites.sh
source "$root/scripts/lib/prerequisites.sh"

seconds="${1:-300}"
[[ "$seconds" =~ ^[1-9][0-9]*$ ]] || die "seconds must be a positive number, got '$seconds'"
seed="${2:-$((RANDOM * 32768 + RANDOM + 1))}"
[[ "$seed" =~ ^[1-9][0-9]*$ ]] || die "seed must be a positive number, got '$seed'"

require_dotnet
require_node
install_dynamodb_local
log "dotnet build tests/EndToEnd"
dotnet build tests/EndToEnd/EndToEnd.csproj -nologo -v quiet

export WAAPP_FUZZ_SECONDS="$seconds" WAAPP_FUZZ_SEED="$seed" WAAPP_FUZZ_FINDINGS="$root/TestResults/fuzz-findings/$seed"
log "fuzzing the webhook endpoint for ${seconds}s (seed $seed)"
dotnet test tests/EndToEnd/EndToEnd.csproj --no-build -nologo \
  --filter "FullyQualifiedName~WebhookMutationFuzzTests" \
  --logger "console;verbosity=detailed" --blame-hang-timeout "$((seconds + 300))s"
