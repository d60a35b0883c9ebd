#!/usr/bin/env bash
# The whole test suite, on a fresh Debian machine too: installs what the tests need (PostgreSQL; Chromium
# once browser tests exist), builds, runs every test project, and ends with one line "N passed, N failed[, N skipped]".
# The tests start their own throwaway PostgreSQL cluster; the machine's default cluster is never used.
set -uo pipefail
cd "$(dirname "$0")/.."

need=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
if [ -d tests/KumaTip.BrowserTests ] && [ ! -x /usr/bin/chromium ]; then need+=(chromium); fi
if [ ${#need[@]} -gt 0 ]; then
  echo "Installing ${need[*]} from Debian packages..."
  sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo_cmd apt-get update -qq && $sudo_cmd apt-get install -y -qq "${need[@]}" >/dev/null || { echo "apt-get install ${need[*]} failed"; echo "0 passed, 1 failed"; exit 1; }
fi

# Throwaway PostgreSQL clusters (kumatip-pg-* under the temporary folder, see ThrowawayPostgres.cs) whose owner is
# gone: the test host should stop its cluster itself, but a run killed half-way cannot. A cluster whose owner (named
# with its start time in the folder's owner file) still runs belongs to another run going on, and is left alone.
stop_orphaned_clusters() {
  local tmp=${TMPDIR:-/tmp} root owner started pid
  for root in "${tmp%/}"/kumatip-pg-*; do
    [ -f "$root/owner" ] || continue
    read -r owner started < "$root/owner"
    [ "$(sed 's/^.*) //' "/proc/$owner/stat" 2>/dev/null | cut -d' ' -f20)" = "$started" ] && continue
    pid=$(head -n 1 "$root/data/postmaster.pid" 2>/dev/null)
    if [ -n "$pid" ] && grep -qs "$root/data" "/proc/$pid/cmdline"; then
      kill -QUIT "$pid" # immediate shutdown: nothing in it is worth keeping
      for _ in $(seq 300); do grep -qs "$root/data" "/proc/$pid/cmdline" || break; sleep 0.1; done
    fi
    rm -rf "$root"
  done
}

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
if ! dotnet build KumaTip.sln -c Release -nologo -clp:ErrorsOnly; then
  echo "Build failed."
  echo "0 passed, 1 failed"
  exit 1
fi

log=$(mktemp)
stop_orphaned_clusters
dotnet test KumaTip.sln -c Release --no-build -nologo 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
stop_orphaned_clusters

# dotnet test prints one summary per test assembly: "Passed!  - Failed: 0, Passed: 72, Skipped: 0, Total: 72, ...".
read -r passed failed skipped assemblies < <(grep -E '^(Passed|Failed)!' "$log" | awk -F'[:,]' '
  { f += $2; p += $4; s += $6; n++ } END { printf "%d %d %d %d\n", p, f, s, n }')
rm -f "$log"
expected=$(ls tests/*/*.csproj | wc -l)
if [ "$assemblies" -lt "$expected" ] && [ "$failed" -eq 0 ]; then
  echo "Only $assemblies of $expected test projects reported results."
  failed=$((failed + 1))
fi
[ "$status" -ne 0 ] && [ "$failed" -eq 0 ] && failed=1
echo "$passed passed, $failed failed, $skipped skipped"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ]
