#!/usr/bin/env bash
# Regenerates README's pictures, docs/images/details-panel.png and its Russian twin details-panel.ru.png (or the PNG
# path given as $1, with .ru before the extension for the Russian one): starts KumaTip in demo
# mode on a free loopback port with a throwaway data directory, then runs the opt-in browser test
# DetailsPanelScreenshot, which drives Debian's Chromium (/usr/bin/chromium, never a downloaded browser) through
# Playwright, once in English and once in Russian: sign in as analyst.main, Events -> the event with the phishing URL
# -> the URL -> Show info from Threat Lookup -> Details -> Enrich -> Request (the Russian pass finds it cached), and
# save the page once the details panel shows beside the events.
set -euo pipefail
cd "$(dirname "$0")/.."
output=$(realpath -m "${1:-docs/images/details-panel.png}")

[ -x /usr/bin/chromium ] || { echo "Needs Debian's Chromium: apt-get install chromium" >&2; exit 1; }
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
dotnet build tests/KumaTip.BrowserTests -nologo -clp:ErrorsOnly

data=$(mktemp -d)
log="$data/app.log"
app_pid=""
cleanup() {
  if [ -n "$app_pid" ]; then kill "$app_pid" 2>/dev/null || true; wait "$app_pid" 2>/dev/null || true; fi
  rm -rf "$data"
}
trap cleanup EXIT

# Port 0: Kestrel picks a free port and prints it ("Now listening on: http://127.0.0.1:NNNNN").
dotnet run --no-build --project src/KumaTip.Web -- --demo --urls http://127.0.0.1:0 --DataDirectory="$data" >"$log" 2>&1 &
app_pid=$!
address=""
for _ in $(seq 1 120); do
  address=$(grep -o 'Now listening on: http://127\.0\.0\.1:[0-9]*' "$log" | head -1 | sed 's/^Now listening on: //') || true
  [ -n "$address" ] && grep -q 'KumaTip DEMO is running' "$log" && break
  kill -0 "$app_pid" 2>/dev/null || { cat "$log" >&2; echo "The app stopped before it served." >&2; exit 1; }
  sleep 1
done
[ -n "$address" ] || { cat "$log" >&2; echo "The app did not start within 2 minutes." >&2; exit 1; }
echo "Demo app at $address (data in $data)"

# Written to the data directory first: a test reported as skipped must not leave the old picture looking new.
KUMATIP_SCREENSHOT_APP="$address" KUMATIP_SCREENSHOT_PATH="$data/details-panel.png" \
  dotnet test tests/KumaTip.BrowserTests --no-build -nologo --filter "FullyQualifiedName~DetailsPanelScreenshot"
russian="${output%.*}.ru.${output##*.}"
for picture in details-panel.png details-panel.ru.png; do
  [ -s "$data/$picture" ] || { echo "The screenshot test wrote no $picture." >&2; exit 1; }
done
mkdir -p "$(dirname "$output")"
mv "$data/details-panel.png" "$output"
mv "$data/details-panel.ru.png" "$russian"
echo "Saved $output ($(stat -c %s "$output") bytes) and $russian ($(stat -c %s "$russian") bytes)"
