#!/bin/bash
# bench quality --threads 2 with phase-2 row ownership by groups of 2^S rows, S rotating, the
# same jar built with row-groups.patch applied (the group size read from a system property).
# NOFB: a PATH without the fastText CLI, so that only Winnow's training is timed.
cd "$(dirname "$0")/../../.."
for r in 1 2 3; do for S in 0 2 4; do
  echo "### round $r shift $S"
  PATH=${NOFB:-$PATH} WINNOW_SKIP_BUILD=1 WINNOW_JAVA_OPTS="-Xmx8g -Dwinnow.fasttext.groupShift=$S" \
    bin/winnow bench quality --data ../shared/data --work /tmp/bq-g --documents 100000 --passes 1 --block 16 \
    --threads 2 2>&1 | grep -E "train_s|speedup|same"
done; done
