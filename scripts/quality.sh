#!/usr/bin/env bash
# The quality harness: drafts scored against labelled question sets, and question→ISO mapping
# scored against the MVSP authors' pairs. Uses ../shared when it is there (the dev set and MVSP
# data live outside this repository) and our own labelled set always.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
cargo build -q --release -p trustdraft-cli
td=target/release/trustdraft
shared=${SHARED:-../shared}
echo "## our labelled set (tests/fixtures/labelled/seed-questions.csv)"
$td eval --labels tests/fixtures/labelled/seed-questions.csv
if [ -f "$shared/eval/dev-questions.csv" ]; then
  echo; echo "## dev set ($shared/eval/dev-questions.csv)"
  $td eval --labels "$shared/eval/dev-questions.csv"
fi
if [ -f "$shared/data/mvsp/iso27001-2022-mapping.csv" ]; then
  echo; echo "## MVSP → ISO/IEC 27001:2022 ($shared/data/mvsp)"
  $td eval --mapping "$shared/data/mvsp/iso27001-2022-mapping.csv" --questions "$shared/data/mvsp/controls.csv"
fi
