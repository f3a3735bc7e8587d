#!/usr/bin/env bash
# Downloads Multi30k task 1 (Elliott et al. 2016; image captions in English, German and French) into DIR
# (default: data/multi30k), gzipped, one sentence per line, in the layout nmt4j's Multi30k configs and tests read:
# train, val and test_2016_flickr, each .en/.de/.fr.gz. Needs internet access. The corpus is not nmt4j's; see
# https://github.com/multi30k/dataset for its terms. Then point the configs at it, e.g.
#   scripts/nmt4j train --config configs/multi30k-de-en.yaml \
#       --set data.train_source=DIR/train.de.gz --set data.train_target=DIR/train.en.gz \
#       --set data.valid_source=DIR/val.de.gz --set data.valid_target=DIR/val.en.gz
set -euo pipefail
dir=${1:-data/multi30k}
base=https://raw.githubusercontent.com/multi30k/dataset/master/data/task1/raw
mkdir -p "$dir"
for split in train val test_2016_flickr; do
    for lang in en de fr; do
        file=$split.$lang.gz
        if [ ! -s "$dir/$file" ]; then
            echo "fetching $file"
            curl -fsSL --retry 3 -o "$dir/$file.part" "$base/$file"
            mv "$dir/$file.part" "$dir/$file"
        fi
    done
done
for split in train val test_2016_flickr; do
    counts=$(for lang in en de fr; do gzip -dc "$dir/$split.$lang.gz" | wc -l; done | sort -u | wc -l)
    if [ "$counts" != 1 ]; then
        echo "error: $dir/$split.*.gz have different line counts" >&2
        exit 1
    fi
done
echo "Multi30k is in $dir: train $(gzip -dc "$dir/train.en.gz" | wc -l), val $(gzip -dc "$dir/val.en.gz" | wc -l),\
 test_2016_flickr $(gzip -dc "$dir/test_2016_flickr.en.gz" | wc -l) sentences"
