package dev.winnow.jobs.ingest.html;

/** jusText's paragraph labels; SHORT and NEARGOOD only exist between the classification passes. */
enum ParagraphClass {
    GOOD,
    BAD,
    SHORT,
    NEARGOOD
}
