#!/usr/bin/env bash
# The language stage alone (local[1] pinned, fresh JVM per run): preset heap (B: -Xms8g) against
# the heap as the JVM sizes it (A), with GC pauses from -Xlog:gc. $WORK as stage-alone-prep.sh left it.
set -u
here=$(cd "$(dirname "$0")" && pwd); cd "$here/../../.."
WORK=${WORK:-/tmp/alone}
for r in 1 2; do
  for v in A B; do
    opts="-Xmx8g"; [ $v = B ] && opts="-Xms8g -Xmx8g"
    rm -rf "$WORK"/run/stages/03-language "$WORK"/run/rejected/language
    log=$WORK/gc-$v-$r.log
    WINNOW_JAVA_OPTS="$opts -Xlog:gc:file=$log" /usr/bin/time -f "cpu %U+%S wall %e" taskset -c 0 bin/winnow run --master "local[1]" --config "$WORK/winnow.conf" --from language --to language 2>&1 | grep -E "language: in|^cpu" | sed -E 's/\(language:[^)]*\)//'
    python3 "$here/gc-pauses.py" "$log" "variant $v round $r"
  done
done
