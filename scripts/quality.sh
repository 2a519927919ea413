#!/usr/bin/env bash
# The quality harness: drafts scored against every labelled question set it finds (ours in
# tests/fixtures/labelled/, and ../shared/eval/*.csv when present: answers accepted, precision,
# recall, false yes, and what answering needs-review to everything would score; then each set in
# its fixed tune and check halves with the calibrated figures: scripts/halves.mjs), and
# question→ISO mapping scored against the MVSP authors' pairs when present. A measurement,
# not a test: it prints figures and fails only if a file cannot be read.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
cargo build -q --release -p trustdraft-cli
td=target/release/trustdraft
shared=${SHARED:-../shared}
sets=(tests/fixtures/labelled/*.csv)
if [ -d "$shared/eval" ]; then
  for f in "$shared"/eval/*.csv; do [ -f "$f" ] && sets+=("$f"); done
fi
first=1
for f in "${sets[@]}"; do
  [ $first = 1 ] || echo
  first=0
  echo "## $f"
  $td eval --labels "$f"
done
echo
node scripts/halves.mjs "$td" "${sets[@]}"
if [ -f "$shared/data/mvsp/iso27001-2022-mapping.csv" ]; then
  echo; echo "## MVSP → ISO/IEC 27001:2022 ($shared/data/mvsp)"
  $td eval --mapping "$shared/data/mvsp/iso27001-2022-mapping.csv" --questions "$shared/data/mvsp/controls.csv"
fi
