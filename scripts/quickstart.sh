#!/usr/bin/env bash
# nmt4j's main job end to end on the corpus in data/: build (first run), train a small German→English model
# (configs/quickstart.yaml, 2-3 minutes on two cores), translate held-out sentences, export their attention
# alignments (Pharaoh links, CSV, heatmaps), and score the held-out set with sacreBLEU-compatible BLEU and chrF.
# Run it again and the trained model is reused (the trainer resumes a finished model and stops at once).
set -euo pipefail
cd "$(dirname "$0")/.."
nmt4j=scripts/nmt4j
model=models/quickstart
out=$model/quickstart-output
start=$SECONDS

echo "== 1/4 train (configs/quickstart.yaml → $model)"
$nmt4j train --config configs/quickstart.yaml

mkdir -p "$out"
echo
echo "== 2/4 translate five held-out sentences (data/test.de), with hard alignments (Pharaoh source-target)"
head -5 data/test.de > "$out/examples.de"
head -5 data/test.en > "$out/examples.en"
$nmt4j translate --model $model --beam 5 --input "$out/examples.de" --output "$out/examples.translated" \
    --alignment hard --word-level --export "$out/alignments" --formats csv,png,svg,html
paste -d '\n' "$out/examples.de" "$out/examples.translated" /dev/null | sed 's/^/   /'

echo "== 3/4 forced alignment of the given pairs (the reference translations), word level"
$nmt4j align --model $model --src "$out/examples.de" --tgt "$out/examples.en" --word-level \
    --output "$out/examples.links"
sed 's/^/   /' "$out/examples.links"

echo
echo "== 4/4 translate and score all of data/test.de (300 sentences)"
$nmt4j translate --model $model --input data/test.de --output "$out/test.translated"
$nmt4j evaluate --hyp "$out/test.translated" --ref data/test.en --metrics bleu,chrf | sed 's/^/   /'

echo
echo "Done in $((SECONDS - start)) s. Where everything went:"
echo "   model folder (config, vocabularies, BPE codes, parameters, checkpoint): $model/"
echo "   training log and curves:         $model/training.csv, $model/training.png"
echo "   translations with links:         $out/examples.translated (text ||| Pharaoh links)"
echo "   forced alignments:               $out/examples.links"
echo "   alignment matrices (long CSV):   $out/alignments/alignments.csv"
echo "   heatmaps:                        $out/alignments/png/1.png ... (and svg/), all in $out/alignments/index.html"
echo "   held-out translations:           $out/test.translated"
