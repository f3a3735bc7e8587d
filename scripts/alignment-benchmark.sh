#!/usr/bin/env bash
# The word-alignment benchmark: on a prepared parallel corpus with human gold links for its test pairs,
#   1. nmt4j lexalign, the built-in statistical aligner (fast_align's model in both directions, symmetrized), and
#      each heuristic's AER on the test pairs;
#   2. a translation model trained with guided alignment (configs/hansards-en-fr.yaml: the built-in aligner's links
#      pull its attention), and the AER of its word-level forced alignment of the test pairs.
#   scripts/alignment-benchmark.sh DATA_DIR OUT_DIR
# DATA_DIR holds train.SRC.gz and train.TGT.gz (tokens separated by spaces; the test and dev pairs are its last
# lines, test first, as unsupervised aligners train on the pairs they align), test.SRC, test.TGT, test.gold and
# dev.SRC, dev.TGT, dev.gold (gold lines: sure links i-j, possible links i?j, source first). SRC=en and TGT=fr unless
# NMT4J_SRC and NMT4J_TGT say otherwise. NMT4J_TRAIN_MINUTES (default 25) bounds the model's training;
# NMT4J_REVERSE=1 also trains the target-to-source model and combines the two (align --reverse-model).
# OUT_DIR gets every heuristic's links of the whole corpus (HEURISTIC.links), the model (model/, reverse/), the
# test pairs' links (test.links: the model's) and the logs.
set -euo pipefail
if [ $# -ne 2 ]; then
    echo "usage: $0 DATA_DIR OUT_DIR" >&2
    exit 2
fi
data=$(cd "$1" && pwd)
out=$2
src=${NMT4J_SRC:-en}
tgt=${NMT4J_TGT:-fr}
minutes=${NMT4J_TRAIN_MINUTES:-25}
home="$(cd "$(dirname "$0")/.." && pwd)"
nmt4j="$home/scripts/nmt4j"
for f in "train.$src.gz" "train.$tgt.gz" "test.$src" "test.$tgt" test.gold "dev.$src" "dev.$tgt" dev.gold; do
    if [ ! -f "$data/$f" ]; then
        echo "error: $data/$f: no such file (DATA_DIR must hold train.$src.gz, train.$tgt.gz, test.*, dev.*)" >&2
        exit 1
    fi
done
mkdir -p "$out"
out=$(cd "$out" && pwd)
test_pairs=$(wc -l < "$data/test.$src")
dev_pairs=$(wc -l < "$data/dev.$src")
total=$(gzip -dc "$data/train.$src.gz" | wc -l)
first_test=$((total - test_pairs - dev_pairs + 1))
if ! gzip -dc "$data/train.$src.gz" | tail -n +"$first_test" | head -n "$test_pairs" | cmp -s - "$data/test.$src"; then
    echo "error: $data/test.$src is not the last $((test_pairs + dev_pairs)) lines of train.$src.gz less the dev pairs" >&2
    exit 1
fi
score() { "$nmt4j" evaluate-alignment --gold "$data/test.gold" --test "$1"; }

echo "== 1. the built-in aligner (lexalign, empty-word prior 0.45: the best on the dev pairs)"
start=$SECONDS
"$nmt4j" lexalign --src "$data/train.$src.gz" --tgt "$data/train.$tgt.gz" --null-probability 0.45 \
    -o "$out/grow-diag-final-and.links" --all "$out" 2> "$out/lexalign.log"
echo "lexalign: $((SECONDS - start)) s"
for h in forward reverse intersection union grow-diag grow-diag-final grow-diag-final-and; do
    tail -n +"$first_test" "$out/$h.links" | head -n "$test_pairs" > "$out/test.lexalign.$h.links"
    printf '%-20s %s\n' "$h" "$(score "$out/test.lexalign.$h.links")"
done

echo "== 2. guided alignment: $src→$tgt trained for at most $minutes minutes (configs/hansards-en-fr.yaml)"
set_data=(--set "data.train_source=$data/train.$src.gz" --set "data.train_target=$data/train.$tgt.gz"
    --set "data.valid_source=$data/dev.$src" --set "data.valid_target=$data/dev.$tgt"
    --set "training.max_minutes=$minutes")
start=$SECONDS
(cd "$home" && "$nmt4j" train -c configs/hansards-en-fr.yaml "${set_data[@]}" --set "folder=$out/model") \
    > "$out/train.log" 2>&1
echo "training: $((SECONDS - start)) s ($(grep '^done' "$out/train.log" || true))"
model_args=(-m "$out/model")
if [ "${NMT4J_REVERSE:-0}" = 1 ]; then
    echo "== 2b. the reverse model, $tgt→$src"
    start=$SECONDS
    (cd "$home" && "$nmt4j" train -c configs/hansards-en-fr.yaml --set name=hansards-fr-en \
        --set "data.train_source=$data/train.$tgt.gz" --set "data.train_target=$data/train.$src.gz" \
        --set "data.valid_source=$data/dev.$tgt" --set "data.valid_target=$data/dev.$src" \
        --set "training.max_minutes=$minutes" --set "folder=$out/reverse") > "$out/train-reverse.log" 2>&1
    echo "training: $((SECONDS - start)) s"
    model_args+=(--reverse-model "$out/reverse" --symmetrize "${NMT4J_SYMMETRIZE:-intersection}")
fi
"$nmt4j" align "${model_args[@]}" --src "$data/test.$src" --tgt "$data/test.$tgt" --word-level \
    -o "$out/test.links" 2> "$out/align.log"
echo "test pairs, the model's word-level links ($out/test.links):"
score "$out/test.links"
