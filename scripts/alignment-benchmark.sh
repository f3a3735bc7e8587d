#!/usr/bin/env bash
# The word-alignment benchmark: aligns a prepared parallel corpus with nmt4j's built-in statistical aligner
# (nmt4j lexalign: fast_align's model in both directions, symmetrized) and scores its links of the test pairs
# against human gold links.
#   scripts/alignment-benchmark.sh DATA_DIR OUT_DIR
# DATA_DIR holds train.SRC.gz and train.TGT.gz (tokens separated by spaces; the test and dev pairs are its last
# lines, test first, as unsupervised aligners train on the pairs they align), test.SRC, test.TGT, test.gold and,
# optionally, dev.SRC, dev.TGT, dev.gold (gold lines: sure links i-j, possible links i?j, source first). The
# languages are SRC=en and TGT=fr unless NMT4J_SRC and NMT4J_TGT say otherwise. OUT_DIR gets every heuristic's
# links of the whole corpus (HEURISTIC.links), the test pairs' links (test.links: grow-diag-final-and with an
# empty-word prior of 0.45, the settings that score best on the Hansards dev pairs; NMT4J_SYMMETRIZE and
# NMT4J_NULL_PROBABILITY change them) and the log.
set -euo pipefail
if [ $# -ne 2 ]; then
    echo "usage: $0 DATA_DIR OUT_DIR" >&2
    exit 2
fi
data=$1
out=$2
src=${NMT4J_SRC:-en}
tgt=${NMT4J_TGT:-fr}
heuristic=${NMT4J_SYMMETRIZE:-grow-diag-final-and}
null_probability=${NMT4J_NULL_PROBABILITY:-0.45}
nmt4j="$(cd "$(dirname "$0")" && pwd)/nmt4j"
for f in "train.$src.gz" "train.$tgt.gz" "test.$src" "test.$tgt" test.gold; do
    if [ ! -f "$data/$f" ]; then
        echo "error: $data/$f: no such file (DATA_DIR must hold train.$src.gz, train.$tgt.gz, test.$src, test.$tgt, test.gold)" >&2
        exit 1
    fi
done
mkdir -p "$out"
test_pairs=$(wc -l < "$data/test.$src")
dev_pairs=0
if [ -f "$data/dev.gold" ]; then
    dev_pairs=$(wc -l < "$data/dev.$src")
fi
total=$(gzip -dc "$data/train.$src.gz" | wc -l)
first_test=$((total - test_pairs - dev_pairs + 1))
# the test pairs must be the corpus's lines first_test.. (aligners train on the pairs they align)
if ! gzip -dc "$data/train.$src.gz" | tail -n +"$first_test" | head -n "$test_pairs" | cmp -s - "$data/test.$src"; then
    echo "error: $data/test.$src is not the last $((test_pairs + dev_pairs)) lines of train.$src.gz less the dev pairs" >&2
    exit 1
fi
start=$SECONDS
"$nmt4j" lexalign --src "$data/train.$src.gz" --tgt "$data/train.$tgt.gz" --symmetrize "$heuristic" \
    --null-probability "$null_probability" \
    -o "$out/$heuristic.links" --all "$out" 2> >(tee "$out/lexalign.log" >&2)
echo "lexalign: $((SECONDS - start)) s"
tail -n +"$first_test" "$out/$heuristic.links" | head -n "$test_pairs" > "$out/test.links"
for h in forward reverse intersection union grow-diag grow-diag-final grow-diag-final-and; do
    tail -n +"$first_test" "$out/$h.links" | head -n "$test_pairs" > "$out/test.$h.links"
    printf '%-20s ' "$h"
    "$nmt4j" evaluate-alignment --gold "$data/test.gold" --test "$out/test.$h.links"
done
echo "test pairs ($heuristic), $out/test.links:"
"$nmt4j" evaluate-alignment --gold "$data/test.gold" --test "$out/test.links"
