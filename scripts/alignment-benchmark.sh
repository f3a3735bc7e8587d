#!/usr/bin/env bash
# The word-alignment benchmark: on a prepared parallel corpus with human gold links for its test pairs,
#   1. nmt4j lexalign, the built-in statistical aligner (the HMM model trained by agreement in both directions,
#      symmetrized), and each heuristic's AER on the test pairs;
#   2. two translation models, source→target and target→source, trained at the same time on half the cores each
#      (configs/hansards-en-fr.yaml: an alignment head trained on the built-in aligner's links of its own direction,
#      step 1's, so the aligner runs once; the model kept is the one whose head best reproduces those links on 1,000
#      training pairs), and the AER of each one's word-level forced alignment of the test pairs and of the two
#      combined (align --reverse-model --symmetrize).
#   scripts/alignment-benchmark.sh DATA_DIR OUT_DIR
# DATA_DIR holds train.SRC.gz and train.TGT.gz (tokens separated by spaces; the test and dev pairs are its last
# lines, test first, as unsupervised aligners train on the pairs they align), test.SRC, test.TGT, test.gold and
# dev.SRC, dev.TGT, dev.gold (gold lines: sure links i-j, possible links i?j, source first). SRC=en and TGT=fr unless
# NMT4J_SRC and NMT4J_TGT say otherwise. NMT4J_TRAIN_MINUTES (default 53) bounds each model's training, in
# bfloat16 where the processor has it (NMT4J_PRECISION=fp32 or bf16 chooses); NMT4J_REVERSE=0 trains the
# source→target model only; NMT4J_SYMMETRIZE (default grow-diag-final-and, as the built-in aligner's links that
# train the heads) names the heuristic that combines the two, NMT4J_LINK_THRESHOLD (default 0.5, as the aligner's
# posterior threshold) the weight a head's link must reach to count (align --link-threshold).
# OUT_DIR gets every heuristic's links of the whole corpus (HEURISTIC.links), the models (model/, reverse/), the
# test pairs' links (test.links: the combined links, or the one model's) and the logs.
set -euo pipefail
if [ $# -ne 2 ]; then
    echo "usage: $0 DATA_DIR OUT_DIR" >&2
    exit 2
fi
data=$(cd "$1" && pwd)
out=$2
src=${NMT4J_SRC:-en}
tgt=${NMT4J_TGT:-fr}
minutes=${NMT4J_TRAIN_MINUTES:-53}
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
precision=${NMT4J_PRECISION:-$(grep -qw 'avx512_bf16\|amx_bf16' /proc/cpuinfo && echo bf16 || echo fp32)}

echo "== 1. the built-in aligner (lexalign: the HMM model by agreement, its defaults chosen on the dev pairs)"
start=$SECONDS
"$nmt4j" lexalign --src "$data/train.$src.gz" --tgt "$data/train.$tgt.gz" \
    -o "$out/grow-diag-final-and.links" --all "$out" 2> "$out/lexalign.log"
echo "lexalign: $((SECONDS - start)) s"
for h in forward reverse intersection union grow-diag grow-diag-final grow-diag-final-and; do
    tail -n +"$first_test" "$out/$h.links" | head -n "$test_pairs" > "$out/test.lexalign.$h.links"
    printf '%-20s %s\n' "$h" "$(score "$out/test.lexalign.$h.links")"
done

# the 1,000 training pairs before the test pairs, on which each head's links are compared with its guide's to choose
# the model kept (the 37 dev pairs are too few to choose by)
check_first=$((first_test - 1000))
check_lines="${check_first},$((first_test - 1))p"
for l in "$src" "$tgt"; do
    gzip -dc "$data/train.$l.gz" | sed -n "$check_lines" > "$out/check.$l"
done
train() { # FOLDER NAME SRC TGT GUIDE THREADS: one direction, at most $minutes minutes on the links GUIDE
    (cd "$home" && "$nmt4j" train -c configs/hansards-en-fr.yaml --set "name=$2" --set "folder=$1" \
        --set "data.train_source=$data/train.$3.gz" --set "data.train_target=$data/train.$4.gz" \
        --set "data.valid_source=$data/dev.$3" --set "data.valid_target=$data/dev.$4" \
        --set "validation.alignment.source=$out/check.$3" --set "validation.alignment.target=$out/check.$4" \
        --set "validation.alignment.gold=$1.check.links" --set "training.max_minutes=$minutes" \
        --set "training.threads=$6" --set "training.precision=$precision" \
        --set "training.guided_alignment.links=$5") > "$1.train.log" 2>&1
}
trained() { # FOLDER: how its training ended
    grep '^done' "$1.train.log" || echo "failed: see $1.train.log"
}
align() { # MODEL SRC TGT OUT [ARGS...]
    local model=$1 s=$2 t=$3 links=$4
    shift 4
    "$nmt4j" align -m "$model" "$@" --src "$data/test.$s" --tgt "$data/test.$t" --word-level -o "$links" \
        2> "$links.log"
}

cores=$(nproc)
if [ "${NMT4J_REVERSE:-1}" = 1 ]; then
    echo "== 2. $src→$tgt and $tgt→$src with an alignment head, trained at once for at most $minutes minutes in $precision (configs/hansards-en-fr.yaml)"
else
    echo "== 2. $src→$tgt with an alignment head, trained for at most $minutes minutes in $precision (configs/hansards-en-fr.yaml)"
fi
# each head learns the links of its own direction (each target word's link by the HMM model of that direction);
# the two heads' links are then symmetrized as the aligner's are
sed -n "$check_lines" "$out/forward.links" > "$out/model.check.links"
start=$SECONDS
if [ "${NMT4J_REVERSE:-1}" = 1 ]; then
    sed -E 's/([0-9]+)-([0-9]+)/\2-\1/g' "$out/reverse.links" > "$out/reverse.guide.links"
    sed -n "$check_lines" "$out/reverse.guide.links" > "$out/reverse.check.links"
    half=$(( cores > 1 ? cores / 2 : 1 ))
    train "$out/model" "hansards-$src-$tgt" "$src" "$tgt" "$out/forward.links" "$half" &
    forward_job=$!
    train "$out/reverse" "hansards-$tgt-$src" "$tgt" "$src" "$out/reverse.guide.links" "$half" || true
    wait "$forward_job" || true
else
    train "$out/model" "hansards-$src-$tgt" "$src" "$tgt" "$out/forward.links" "$cores" || true
fi
echo "training: $((SECONDS - start)) s"
echo "$src→$tgt: $(trained "$out/model")"
[ -f "$out/model/parameters.bin" ] || exit 1
align "$out/model" "$src" "$tgt" "$out/test.forward.links"
printf '%-20s %s\n' "$src→$tgt" "$(score "$out/test.forward.links")"
if [ "${NMT4J_REVERSE:-1}" = 1 ]; then
    echo "$tgt→$src: $(trained "$out/reverse")"
    [ -f "$out/reverse/parameters.bin" ] || exit 1
    sed -E 's/([0-9]+)([-?])([0-9]+)/\3\2\1/g' "$data/test.gold" > "$out/test.reverse.gold"
    align "$out/reverse" "$tgt" "$src" "$out/test.reverse.links"
    printf '%-20s %s\n' "$tgt→$src" "$("$nmt4j" evaluate-alignment --gold "$out/test.reverse.gold" \
        --test "$out/test.reverse.links")"
    echo "== 3. the two combined"
    heuristic=${NMT4J_SYMMETRIZE:-grow-diag-final-and}
    threshold=${NMT4J_LINK_THRESHOLD:-0.5}
    echo "(each head's link of a word counts where its weight reaches $threshold)"
    for h in intersection union grow-diag grow-diag-final grow-diag-final-and; do
        align "$out/model" "$src" "$tgt" "$out/test.$h.links" --reverse-model "$out/reverse" --symmetrize "$h" \
            --link-threshold "$threshold"
        printf '%-20s %s\n' "$h" "$(score "$out/test.$h.links")"
    done
    cp "$out/test.$heuristic.links" "$out/test.links"
else
    heuristic=$src→$tgt
    cp "$out/test.forward.links" "$out/test.links"
fi
echo "test pairs, the models' word-level links ($heuristic, $out/test.links):"
score "$out/test.links"
