#!/usr/bin/env bash
# Coverage-guided fuzzing of the webhook parser and signature check: AFL++ (Debian package) drives the SharpFuzz
# harness in tests/Fuzz against an instrumented copy of WaApp.WhatsApp.dll, seeded from tests/Fixtures/webhooks.
# Usage: ./scripts/fuzz_parser.sh [seconds=300]
# Findings: TestResults/afl/default/crashes (each replayable: dotnet <harness> < file). Exit 1 when AFL found any.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
# shellcheck source=scripts/lib/prerequisites.sh
source "$root/scripts/lib/prerequisites.sh"

seconds="${1:-300}"
[[ "$seconds" =~ ^[1-9][0-9]*$ ]] || die "seconds must be a positive number, got '$seconds'"

require_dotnet
apt_install afl++
log "dotnet tool restore (sharpfuzz)"
dotnet tool restore >/dev/null

work="$root/TestResults/afl"
harness="$work/harness"
rm -rf "$work"
mkdir -p "$work/corpus"
log "dotnet publish tests/Fuzz"
dotnet publish tests/Fuzz/Fuzz.csproj -c Release -o "$harness" -nologo -v quiet
log "instrumenting WaApp.WhatsApp.dll"
dotnet tool run sharpfuzz "$harness/WaApp.WhatsApp.dll" >/dev/null

# Seeds: every fixture body (AFL works best on small inputs; all fixtures are a few KB).
cp tests/Fixtures/webhooks/*.json "$work/corpus/"

log "afl-fuzz for ${seconds}s"
# dotnet itself is not instrumented (SKIP_BIN_CHECK); the harness reports coverage through SharpFuzz.
AFL_SKIP_BIN_CHECK=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_SKIP_CPUFREQ=1 AFL_NO_UI=1 \
  afl-fuzz -i "$work/corpus" -o "$work" -t 10000 -m none -V "$seconds" -- dotnet "$harness/WaApp.Fuzz.dll" \
  > "$work/afl.log" 2>&1 || { tail -n 30 "$work/afl.log" >&2; die "afl-fuzz did not run (log: $work/afl.log)"; }

stats="$work/default/fuzzer_stats"
[ -f "$stats" ] || die "afl-fuzz wrote no statistics (log: $work/afl.log)"
grep -E '^(execs_done|execs_per_sec|corpus_count|saved_crashes|saved_hangs|bitmap_cvg) ' "$stats"
crashes="$(find "$work/default/crashes" -type f -name 'id:*' | wc -l)"
if [ "$crashes" -gt 0 ]; then
  printf 'AFL found %s crashing input(s) under %s\n' "$crashes" "$work/default/crashes" >&2
  exit 1
fi
log "no crashes"
