package dev.winnow.trainer.bench;

import java.util.Map;

/**
 * A dataset's document-length distribution for the scale simulation: log-normal with this mean (in
 * GPT-2 tokens) and σ of the log length. Means come from The Pile's table of mean document sizes
 * (Gao et al. 2020, table 1: KiB per document) at about 4.2 bytes per GPT-2 token for prose and 3
 * for LaTeX and code, or from corpus totals where The Pile has no such dataset (Wikipedia:
 * 6.3M English articles for 4.2B tokens; RealNews: 120 GB over 32.8M articles; CC-Stories: 31 GB
 * over about 1M documents; Common Crawl snapshots: Pile-CC's size). σ is wider for web text and
 * code than for books and abstracts. The index only needs how many documents and how long; these
 * give the MT-NLG blend about 300M documents, the order of magnitude the real one has.
 */
public record DocumentShape(double meanTokens, double sigma) {
    public static final Map<String, DocumentShape> MT_NLG = Map.ofEntries(
            Map.entry("books3", new DocumentShape(130_000, 0.7)),        // 538 KiB
            Map.entry("openwebtext2", new DocumentShape(900, 1.0)),      // 3.85 KiB
            Map.entry("stack-exchange", new DocumentShape(550, 1.0)),    // 2.16 KiB
            Map.entry("pubmed-abstracts", new DocumentShape(330, 0.5)),  // 1.30 KiB
            Map.entry("wikipedia", new DocumentShape(670, 1.2)),         // 4.2B tokens / 6.3M articles
            Map.entry("gutenberg-pg19", new DocumentShape(95_000, 0.6)), // 28,602 books
            Map.entry("bookcorpus2", new DocumentShape(85_000, 0.7)),    // 17,868 books
            Map.entry("nih-exporter", new DocumentShape(500, 0.5)),      // 2.11 KiB
            Map.entry("pile-cc", new DocumentShape(1_000, 1.0)),         // 4.33 KiB
            Map.entry("arxiv", new DocumentShape(15_000, 0.7)),          // 46.6 KiB of LaTeX
            Map.entry("github", new DocumentShape(1_700, 1.3)),          // 5.25 KiB of code
            Map.entry("cc-2020-50", new DocumentShape(1_000, 1.0)),      // as Pile-CC
            Map.entry("cc-2021-04", new DocumentShape(1_000, 1.0)),
            Map.entry("realnews", new DocumentShape(850, 0.8)),          // 120 GB / 32.8M articles
            Map.entry("cc-stories", new DocumentShape(7_000, 0.8)));     // 31 GB / ~1M documents

    /** Shape for a dataset the table does not name: web-like documents. */
    public static DocumentShape of(String dataset) {
        return MT_NLG.getOrDefault(dataset, new DocumentShape(1_000, 1.0));
    }
}
