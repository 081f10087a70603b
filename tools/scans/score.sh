#!/usr/bin/env bash
# Scores the scans of tests/scans/ and the same documents read from their text
# layer (tests/scans/text-layer/), against the same gold files, with the shared
# scorer. Needs a release build, tesseract-ocr, tesseract-ocr-fra and
# poppler-utils.
#
#   tools/scans/score.sh [SCORER]     # SCORER defaults to ../shared/eval/score.py
set -euo pipefail
cd "$(dirname "$0")/../.."
scorer=${1:-../shared/eval/score.py}
ctg=${CTG:-target/release/ctg}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
# two text-layer copies can be the same file (a noisy scan of a clean PDF): ctg
# would keep one record, so each is read in a run of its own
: > "$out/text-layer.jsonl"
for pdf in tests/scans/text-layer/*.pdf; do
  name=$(basename "$pdf" .pdf)
  "$ctg" extract "$pdf" --output "$out/tl-$name" --quiet --no-cache || true
  cat "$out/tl-$name/corpus.jsonl" >> "$out/text-layer.jsonl"
done
"$ctg" extract tests/scans/*.pdf --output "$out/scans" --quiet --no-cache || true
echo "== text layer"
python3 "$scorer" --gold tests/scans --corpus "$out/text-layer.jsonl" --details
echo "== scans (OCR)"
python3 "$scorer" --gold tests/scans --corpus "$out/scans/corpus.jsonl" \
  --errors "$out/scans/errors.jsonl" --details
