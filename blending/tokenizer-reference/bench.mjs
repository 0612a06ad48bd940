// Tokens per second of gpt-tokenizer (r50k_base, one thread) on the texts of a JSONL file
// ({"text": ...} per line): the reference figure `winnow bench tokenize --reference DIR` prints.
//   node bench.mjs texts.jsonl [passes]
import { readFileSync } from 'node:fs';
import { encode } from 'gpt-tokenizer/encoding/r50k_base';

const texts = readFileSync(process.argv[2], 'utf8').split('\n').filter((l) => l.length > 0).map((l) => JSON.parse(l).text);
const passes = Number(process.argv[3] ?? 5);
let best = Infinity;
let tokens = 0;
for (let p = 0; p <= passes; p++) {
  const t0 = process.hrtime.bigint();
  let n = 0;
  for (const t of texts) {
    n += encode(t, { disallowedSpecial: new Set() }).length;
  }
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  if (p > 0) best = Math.min(best, s);
  tokens = n;
}
console.log(`tokens: ${tokens}`);
console.log(`tokens_per_s: ${Math.round(tokens / best)}`);
