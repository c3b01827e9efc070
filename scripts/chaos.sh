#!/usr/bin/env bash
# Longer chaos run: tests/EndToEnd/ChaosTests with several fault rounds (each: SIGKILL a silo and restart it,
# SIGKILL the gateway and restart it, stop dynalite for 10 s) under steady webhook load on three silos.
# Usage: ./scripts/chaos.sh [rounds=5]   (about 35 s per round plus start-up; prints the figures at the end)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
# shellcheck source=scripts/lib/prerequisites.sh
source "$root/scripts/lib/prerequisites.sh"

rounds="${1:-5}"
[[ "$rounds" =~ ^[1-9][0-9]*$ ]] || die "rounds must be a positive number, got '$rounds'"

require_dotnet
require_node
install_dynamodb_local
log "dotnet build tests/EndToEnd"
dotnet build tests/EndToEnd/EndToEnd.csproj -nologo -v quiet

log "chaos: $rounds round(s)"
WAAPP_CHAOS_ROUNDS="$rounds" dotnet test tests/EndToEnd/EndToEnd.csproj --no-build -nologo \
  --filter "FullyQualifiedName~ChaosTests" \
  --logger "console;verbosity=detailed" --blame-hang-timeout "$((rounds * 120 + 300))s"
