#!/bin/bash
# base: a worktree of the commit before (/tmp/base-wt, built); PATH without fasttext so the CLI is not timed.
# "busy core": the same with `taskset -c 1 bash -c "while :; do :; done"` running.
# bench quality, base (/tmp/base-wt) and new (/work/main) alternating, without the fastText CLI
for r in ${ROUNDS:-1 2 3}; do for side in base new; do
  tree=/tmp/base-wt; [ $side = new ] && tree=/work/main
  echo "### round $r $side"
  (cd $tree && PATH=/tmp/nofb WINNOW_SKIP_BUILD=1 WINNOW_JAVA_OPTS=-Xmx8g bin/winnow bench quality --data /work/shared/data --work /tmp/bq-$side --documents 100000 --passes 1 --block 16 --threads 2 2>&1 | grep -E "train_s|speedup")
done; done
