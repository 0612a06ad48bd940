#!/usr/bin/env python3
"""Writes texts.jsonl: the texts the GPT-2 tokenizer test checks, all written for this project:
paragraphs of the bundled sample corpus (conf/sample) and hand-made edge cases."""
import gzip, json, os, sys

root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "conf", "sample")
texts = []

def paragraphs(t):
    return [p for p in t.split("\n\n") if p.strip()]

with open(os.path.join(root, "encyclopedia", "articles.jsonl"), "rb") as f:
    for line in f:
        try:
            d = json.loads(line.decode("utf-8"))
        except Exception:
            continue  # the planted malformed and invalid-UTF-8 lines
        texts.extend(paragraphs(d["text"]))
with gzip.open(os.path.join(root, "forum", "posts.jsonl.gz"), "rt", encoding="utf-8") as f:
    for line in f:
        body = json.loads(line)["body"]
        if body:
            texts.append(body)
for name in sorted(os.listdir(os.path.join(root, "books"))):
    with open(os.path.join(root, "books", name), encoding="utf-8") as f:
        texts.extend(paragraphs(f.read()))

texts += [
    "", " ", "  ", "\n", "\n\n\n", "\t", " \t \n ", "a", "A", "I'm", "don't", "it's", "they're", "we've", "you'll", "he'd",
    "Hello, world!", "hello world  ", "  leading spaces", "trailing spaces   ", "multiple    inner     spaces",
    "line one\nline two\r\nline three", "tabs\tbetween\twords", "12345", "3.14159 2,718 1e-9 -42 +7",
    "1234567890123456789012345678901234567890", "$100.00 and 50% off!!!", "email@example.com", "https://example.org/a/b?c=d&e=f#g",
    "C:\\Windows\\System32", "def f(x):\n    return x ** 2  # square\n", "{\"json\": [1, 2, 3], \"ok\": true}",
    "<html><body><p>Hi &amp; bye</p></body></html>", "<|endoftext|>", "text before <|endoftext|> text after",
    "Café naïve résumé façade coöperate", "Straße Größe Übermäßig", "ångström Øresund Ærø", "Dvořák Łódź Škoda",
    "Ελληνικά κείμενα", "Русский текст с пунктуацией.", "中文文本，带有标点。", "日本語のテキストです。", "한국어 텍스트",
    "עברית טקסט", "نص عربي", "हिन्दी पाठ", "ไทย ข้อความ", "Emoji 😀😃😄 and 👍🏽 and 👨‍👩‍👧‍👦", "♠♣♥♦ ★☆ ✓✗",
    "e\u0301 composed vs é", "zero\u200bwidth\u200bspace", "non\u00a0breaking\u00a0space", "soft\u00adhyphen",
    "mixed CASE WoRdS AND ALLCAPS", "    indented code block", "!!!???...,,,;;;:::", "—–-‐ dashes “quotes” ‘single’ «guillemets»",
    "a" * 200, "ab" * 150, " " * 50 + "x", "x\n" * 40, "The quick brown fox jumps over the lazy dog. " * 8,
    "'s 't 're 've 'm 'll 'd", "O'Neil's dog's bone", "rock'n'roll", "ALL'S WELL", "naïve's", "don’t (curly apostrophe)",
    "tab\tand\u000bvertical\u000cform feed", "mojibake: donâ€™t cafÃ© trÃ¨s", "\ufeffBOM at the start", "surrogates 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 𝕏",
    # U+FEFF is not whitespace for Python's regex (nor in Unicode); JavaScript's \s says it is.
    "end of a paragraph.\n\n\ufeffThe next one starts with a stray BOM.", "46°10′N 4°48′E\ufeff / \ufeff46.166667°N 4.8°E",
    "word\ufeff word \ufeff\ufeff word", "\u3000ideographic\u3000space and\u2028line\u2029separators\u0085next line",
]
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "texts.jsonl"), "w", encoding="utf-8") as out:
    for t in texts:
        out.write(json.dumps({"text": t}, ensure_ascii=False) + "\n")
print(len(texts), "texts", file=sys.stderr)
