// Reads texts.jsonl, writes the GPT-2 (r50k_base) token ids of each text as the npm package
// gpt-tokenizer computes them, an implementation independent of jtokkit:
//   npm install gpt-tokenizer@2 && node expected-ids.mjs > js-ids.jsonl   (see README.md: it differs on U+FEFF)
// Special-token strings in a text are encoded as ordinary text, as Winnow does.
import { readFileSync } from 'node:fs';
import { encode } from 'gpt-tokenizer/encoding/r50k_base';

const lines = readFileSync(new URL('./texts.jsonl', import.meta.url), 'utf8').split('\n').filter((l) => l.length > 0);
for (const line of lines) {
  const { text } = JSON.parse(line);
  const ids = encode(text, { disallowedSpecial: new Set() });
  process.stdout.write(JSON.stringify({ text, ids }) + '\n');
}
