package dev.winnow.jobs.ingest.html;

import static dev.winnow.jobs.ingest.html.ParagraphClass.BAD;
import static dev.winnow.jobs.ingest.html.ParagraphClass.GOOD;
import static dev.winnow.jobs.ingest.html.ParagraphClass.NEARGOOD;
import static dev.winnow.jobs.ingest.html.ParagraphClass.SHORT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ParagraphClassifierTest {

    private static final JusTextParams DEFAULTS = JusTextParams.defaults();

    /** A paragraph of the given length whose text cannot trip the copyright rule. */
    private static Paragraph para(
            int length, int linkChars, int words, int stops, boolean heading, boolean inSelect) {
        Paragraph p = new Paragraph("w".repeat(length), "test", linkChars, heading, inSelect);
        p.wordCount = words;
        p.stopWordCount = stops;
        return p;
    }

    private static Paragraph para(int length, int linkChars, int words, int stops) {
        return para(length, linkChars, words, stops, false, false);
    }

    // ---------------------------------------------------------------- context-free

    @ParameterizedTest(name = "[{index}] len={0} links={1} words={2} stops={3} -> {4}")
    @CsvSource({
        // link density above the maximum is bad whatever else holds
        "300, 61, 50, 25, BAD",
        // exactly at the maximum (60/300 = 0.2) is not "above"
        "300, 60, 50, 25, GOOD",
        // short: bad with any link text, short without
        "69, 1, 10, 5, BAD",
        "69, 0, 10, 5, SHORT",
        "0, 0, 0, 0, SHORT",
        // length == lengthLow is no longer short
        "70, 0, 10, 5, NEARGOOD",
        // high stop-word density: good only above lengthHigh
        "201, 0, 100, 32, GOOD",
        "200, 0, 100, 32, NEARGOOD",
        "150, 0, 100, 50, NEARGOOD",
        // medium density is near-good at any length
        "500, 0, 100, 30, NEARGOOD",
        "500, 0, 100, 31, NEARGOOD",
        // low density is bad
        "500, 0, 100, 29, BAD",
        "500, 0, 0, 0, BAD",
        // links below the maximum do not hurt a good paragraph
        "500, 99, 100, 40, GOOD"
    })
    void contextFree(int length, int links, int words, int stops, ParagraphClass expected) {
        ParagraphClassifier c = new ParagraphClassifier(DEFAULTS);
        assertEquals(expected, c.contextFree(para(length, links, words, stops)));
    }

    @Test
    void copyrightSignMakesAnyParagraphBad() {
        ParagraphClassifier c = new ParagraphClassifier(DEFAULTS);
        String filler = " the cat sat on the mat and it was a good day for all of us".repeat(5);
        for (String text : List.of("\u00A9 2024 Example Ltd." + filler, "&copy 2024" + filler)) {
            Paragraph p = new Paragraph(text, "html.body.p", 0, false, false);
            p.wordCount = 80;
            p.stopWordCount = 40;
            assertEquals(BAD, c.contextFree(p), text);
        }
    }

    @Test
    void selectOptionsAreBad() {
        ParagraphClassifier c = new ParagraphClassifier(DEFAULTS);
        assertEquals(BAD, c.contextFree(para(300, 0, 100, 50, false, true)));
        assertEquals(BAD, c.contextFree(para(10, 0, 1, 0, false, true)));
    }

    @Test
    void thresholdsComeFromParams() {
        JusTextParams strict = new JusTextParams(10, 20, 0.5, 0.6, 0.0, 200, false);
        ParagraphClassifier c = new ParagraphClassifier(strict);
        assertEquals(SHORT, c.contextFree(para(9, 0, 2, 2)));
        assertEquals(GOOD, c.contextFree(para(21, 0, 10, 6)));
        assertEquals(NEARGOOD, c.contextFree(para(21, 0, 10, 5)));
        assertEquals(BAD, c.contextFree(para(21, 0, 10, 4)));
        assertEquals(BAD, c.contextFree(para(21, 1, 10, 6)), "any link exceeds maxLinkDensity 0");
    }

    // ---------------------------------------------------------------- context-sensitive

    /**
     * Builds paragraphs from a pattern: G good, B bad, N near-good, S short, H short heading,
     * M near-good heading, X bad heading (links). Returns the final classes in the same letters
     * (G/B only, since nothing else survives).
     */
    private static String run(String pattern, JusTextParams params) {
        List<Paragraph> ps = new ArrayList<>();
        for (char ch : pattern.replace(" ", "").toCharArray()) {
            ps.add(
                    switch (ch) {
                        case 'G' -> para(250, 0, 50, 25);
                        case 'B' -> para(30, 30, 5, 0);
                        case 'N' -> para(150, 0, 30, 15);
                        case 'S' -> para(20, 0, 4, 1);
                        case 'H' -> para(20, 0, 4, 1, true, false);
                        case 'M' -> para(100, 0, 20, 7, true, false);
                        case 'X' -> para(20, 20, 4, 1, true, false);
                        default -> throw new IllegalArgumentException("pattern letter " + ch);
                    });
        }
        new ParagraphClassifier(params).classify(ps);
        StringBuilder out = new StringBuilder();
        for (Paragraph p : ps) {
            if (out.length() > 0) {
                out.append(' ');
            }
            out.append(p.classType == GOOD ? 'G' : p.classType == BAD ? 'B' : '?');
        }
        return out.toString();
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource({
        "'', ''",
        // document edges count as bad
        "G, G",
        "B, B",
        "S, B",
        "N, B",
        "S S, B B",
        // short paragraphs
        "G S G, G G G",
        "B S B, B B B",
        "G S B, G B B",
        "B S G, B B G",
        "G S S G, G G G G",
        "G S S B, G B B B",
        "S G S, B G B",
        // a near-good paragraph on the bad side rescues a short one in a mixed neighbourhood
        "G S N B, G G G B",
        "B N S G, B G G G",
        "G B S N G, G B B G G",
        // near-good paragraphs
        "B N B, B B B",
        "G N B, G G B",
        "B N G, B G G",
        "B N N G, B G G G",
        "G N N B, G G G B",
        "B N S N B, B B B B B",
        "G N S N B, G G G G B"
    })
    void contextSensitive(String pattern, String expected) {
        assertEquals(expected, run(pattern, DEFAULTS));
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1} / noHeadings {2}")
    @CsvSource({
        // a short heading right before a good paragraph survives, without heading rules it does not
        "B H G, B G G, B B G",
        // a near-good heading that lost the neighbour vote is rescued by the second heading pass
        "B M B G, B G B G, B B B G",
        // a heading that is bad on its own (link text) is never rescued
        "B X G, B B G, B B G",
        // a heading with nothing good after it stays bad
        "G B H B, G B B B, G B B B",
        // a heading rescues the short text between it and the good paragraph
        "B H S S G, B G G G G, B B B B G"
    })
    void headings(String pattern, String withHeadings, String withoutHeadings) {
        assertEquals(withHeadings, run(pattern, DEFAULTS));
        assertEquals(withoutHeadings, run(pattern, DEFAULTS.withNoHeadings(true)));
    }

    /** B, heading, short paragraphs of the given lengths, then a good paragraph. */
    private static List<Paragraph> headingThenGap(JusTextParams params, int... gaps) {
        List<Paragraph> ps = new ArrayList<>();
        ps.add(para(30, 30, 5, 0));
        ps.add(para(20, 0, 4, 1, true, false));
        for (int gap : gaps) {
            ps.add(para(gap, 0, 10, 1));
        }
        ps.add(para(250, 0, 50, 25));
        new ParagraphClassifier(params).classify(ps);
        return ps;
    }

    @Test
    void headingDistanceIsInclusive() {
        // 66 + 67 + 67 = 200 characters between heading and good paragraph: reachable
        List<Paragraph> reached = headingThenGap(DEFAULTS, 66, 67, 67);
        assertEquals(GOOD, reached.get(1).classType);
        // one more character and it is too far
        List<Paragraph> tooFar = headingThenGap(DEFAULTS, 66, 67, 68);
        assertEquals(BAD, tooFar.get(1).classType);
        for (int i = 2; i <= 4; i++) {
            assertEquals(BAD, tooFar.get(i).classType, "short text after a dropped heading");
        }
        assertEquals(GOOD, tooFar.get(5).classType);
    }

    @Test
    void headingDistanceComesFromParams() {
        JusTextParams near = new JusTextParams(70, 200, 0.30, 0.32, 0.2, 50, false);
        assertEquals(BAD, headingThenGap(near, 60).get(1).classType);
        assertEquals(GOOD, headingThenGap(near, 50).get(1).classType);
        JusTextParams zero = new JusTextParams(70, 200, 0.30, 0.32, 0.2, 0, false);
        assertEquals(GOOD, headingThenGap(zero).get(1).classType, "adjacent is distance 0");
    }

    @Test
    void contextFreeClassIsKept() {
        List<Paragraph> ps = new ArrayList<>(List.of(para(20, 0, 4, 1), para(250, 0, 50, 25)));
        new ParagraphClassifier(DEFAULTS).classify(ps);
        assertEquals(SHORT, ps.get(0).cfClass);
        assertEquals(BAD, ps.get(0).classType);
        assertEquals(GOOD, ps.get(1).cfClass);
    }

    @Test
    void longRunsOfShortParagraphsStayLinear() {
        // jusText's neighbour search is quadratic on such input; ours must not be.
        List<Paragraph> ps = new ArrayList<>();
        ps.add(para(250, 0, 50, 25));
        for (int i = 0; i < 300_000; i++) {
            ps.add(para(20, 0, 4, 1, i % 2 == 0, false));
        }
        ps.add(para(250, 0, 50, 25));
        JusTextParams far = new JusTextParams(70, 200, 0.30, 0.32, 0.2, Integer.MAX_VALUE, false);
        assertTimeoutPreemptively(
                Duration.ofSeconds(10), () -> new ParagraphClassifier(far).classify(ps));
        assertEquals(GOOD, ps.get(150_000).classType);
    }
}
