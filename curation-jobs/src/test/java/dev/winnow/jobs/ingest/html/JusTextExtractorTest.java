package dev.winnow.jobs.ingest.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

class JusTextExtractorTest {

    private static final JusTextExtractor CRAWL =
            new JusTextExtractor(JusTextParams.defaults(), Pages.CRAWL_LANGUAGES);

    private static final JusTextExtractor EN =
            new JusTextExtractor(JusTextParams.defaults(), List.of("en"));

    private static final JusTextExtractor EN_NO_HEADINGS =
            new JusTextExtractor(JusTextParams.defaults().withNoHeadings(true), List.of("en"));

    // English prose written for these tests; each is long (> 200 chars) and stop-word rich.
    private static final String GOOD_1 =
            "The bridge over the river was closed for most of the summer while engineers replaced the"
                    + " old steel cables, and the people who live on the far bank had to drive for almost an"
                    + " hour to reach the shops that used to be a ten minute walk from their front doors.";
    private static final String GOOD_2 =
            "Now that the work is finished, the council says that it will keep a closer eye on the"
                    + " condition of the bridge, and it has promised that any future repairs will be planned"
                    + " so that at least one lane can stay open for the buses and the ambulances that need it.";
    private static final String LINKS =
            "<div><a href='/a'>Weather</a> | <a href='/b'>Traffic</a> | <a href='/c'>Jobs</a></div>";

    private static String page(String body) {
        return "<html><head><title>t</title></head><body>" + body + "</body></html>";
    }

    private static void assertContainsAll(String text, List<String> parts) {
        for (String part : parts) {
            assertTrue(text.contains(part), () -> "missing: " + part + "\n---\n" + text);
        }
    }

    private static void assertContainsNone(String text, List<String> parts) {
        for (String part : parts) {
            assertFalse(text.contains(part), () -> "boilerplate leaked: " + part + "\n---\n" + text);
        }
    }

    // ---------------------------------------------------------------- realistic pages

    @Test
    void englishNewsPage() {
        Extraction e = CRAWL.extract(Pages.english());
        assertEquals("en", e.language());
        assertContainsAll(e.text(), Pages.EN_ARTICLE);
        assertContainsNone(e.text(), Pages.EN_BOILERPLATE);
        assertTrue(e.text().startsWith(Pages.EN_TITLE + "\n\n"), e.text());
        assertTrue(e.text().endsWith(Pages.EN_ARTICLE.get(3)), e.text());
        // article paragraphs come out in document order, separated by blank lines
        int last = -1;
        for (String p : Pages.EN_ARTICLE) {
            int at = e.text().indexOf(p);
            assertTrue(at > last, "out of order: " + p);
            last = at;
        }
        assertTrue(e.text().contains(Pages.EN_ARTICLE.get(0) + "\n\n" + Pages.EN_ARTICLE.get(1)));
        assertEquals(e.text().split("\n\n").length, e.goodParagraphs());
        assertTrue(e.paragraphs() > e.goodParagraphs() + 10, "boilerplate paragraphs were counted");
    }

    @Test
    void germanNewsPage() {
        Extraction e = CRAWL.extract(Pages.german());
        assertEquals("de", e.language());
        assertContainsAll(e.text(), Pages.DE_ARTICLE);
        assertContainsNone(e.text(), Pages.DE_BOILERPLATE);
    }

    @Test
    void frenchNewsPage() {
        Extraction e = CRAWL.extract(Pages.french());
        assertEquals("fr", e.language());
        assertContainsAll(e.text(), Pages.FR_ARTICLE);
        assertContainsNone(e.text(), Pages.FR_BOILERPLATE);
        assertTrue(e.text().startsWith("Des bénévoles transforment"), e.text());
    }

    @Test
    void languageIsChosenPerPageRegardlessOfCandidateOrder() {
        JusTextExtractor reversed =
                new JusTextExtractor(JusTextParams.defaults(), List.of("fr", "de", "en"));
        assertEquals("en", reversed.extract(Pages.english()).language());
        assertEquals("de", reversed.extract(Pages.german()).language());
        assertEquals("fr", reversed.extract(Pages.french()).language());
    }

    @Test
    void wrongLanguageListFallsBackToLanguageIndependentMode() {
        // With only English stop words no German paragraph passes the stop-word test; rather than
        // lose the page, the extractor judges it without stop words (jusText's advice for unknown
        // languages): the article stays, the link and footer boilerplate still goes.
        Extraction e = EN.extract(Pages.german());
        Extraction de = new JusTextExtractor(JusTextParams.defaults(), List.of("de")).extract(Pages.german());
        assertEquals("en", e.language());
        assertTrue(e.goodParagraphs() > 0);
        assertTrue(e.text().contains(de.text().substring(0, 80)), e.text());
        assertFalse(e.text().contains("©"), e.text());
    }

    @Test
    void russianPage() {
        String article =
                "Когда старый магазин на нашей улице закрылся пять лет назад, пустой участок за ним"
                        + " быстро зарос травой, и никто из соседей не думал, что из него когда-нибудь что-то"
                        + " получится. Но весной к нам пришли учителя на пенсии, и теперь там есть сад, в"
                        + " котором они вместе с детьми выращивают овощи и цветы для всех, кто живет рядом.";
        String html = page("<ul><li><a href=/>Главная</a></li><li><a href=/n>Новости</a></li></ul>"
                + "<p>" + article + "</p><p>© 2024 Городская газета</p>");
        Extraction e = CRAWL.extract(html);
        assertEquals("ru", e.language());
        assertEquals(article, e.text());
        // without Russian stop words the page is judged without stop words: same article
        Extraction fallback = EN.extract(html);
        assertEquals(article, fallback.text());
        assertEquals("en", fallback.language());
    }

    @Test
    void textWithoutAnyStopListIsJudgedWithoutStopWords() {
        String para = "这是一个没有停用词列表的中文段落，它应该被安全地丢弃而不会抛出异常。".repeat(8);
        String html = page("<p>" + para + "</p><p><a href=/a>首页</a> <a href=/b>新闻</a></p>");
        Extraction e = CRAWL.extract(html);
        assertEquals(para, e.text());
        assertEquals("en", e.language(), "all candidates score zero, so the first one wins");
        assertEquals(2, e.paragraphs());
        assertEquals(1, e.goodParagraphs());
    }

    // ---------------------------------------------------------------- individual rules

    @Test
    void goodParagraphsAreKeptVerbatim() {
        Extraction e = EN.extract(page("<p>" + GOOD_1 + "</p>" + LINKS + "<p>" + GOOD_2 + "</p>"));
        assertEquals(GOOD_1 + "\n\n" + GOOD_2, e.text());
        assertEquals(3, e.paragraphs());
        assertEquals(2, e.goodParagraphs());
    }

    @Test
    void linkHeavyParagraphIsDropped() {
        String linked =
                "<p>Read more: <a href=/1>" + GOOD_2.substring(0, 120) + "</a> and <a href=/2>"
                        + GOOD_2.substring(120) + "</a></p>";
        Extraction e = EN.extract(page("<p>" + GOOD_1 + "</p>" + linked));
        assertEquals(GOOD_1, e.text());
        // the same words without links are kept
        Extraction plain = EN.extract(page("<p>" + GOOD_1 + "</p><p>" + GOOD_2 + "</p>"));
        assertEquals(2, plain.goodParagraphs());
    }

    @Test
    void singleLinkInsideProseIsFine() {
        String withLink =
                GOOD_1.replace("engineers", "<a href='/eng'>engineers</a>");
        Extraction e = EN.extract(page("<p>" + withLink + "</p>"));
        assertEquals(GOOD_1, e.text());
    }

    @Test
    void copyrightLineIsDropped() {
        String footer = "\u00A9 2024 " + GOOD_2; // long, stop-word rich, but a copyright notice
        Extraction e = EN.extract(page("<p>" + GOOD_1 + "</p><p>" + footer + "</p>"));
        assertEquals(GOOD_1, e.text());
        Extraction entity = EN.extract(page("<p>" + GOOD_1 + "</p><p>&copy; " + GOOD_2 + "</p>"));
        assertEquals(GOOD_1, entity.text());
    }

    @Test
    void shortParagraphBetweenGoodOnesIsKept() {
        String shortText = "It reopened on Monday.";
        Extraction e =
                EN.extract(page("<p>" + GOOD_1 + "</p><p>" + shortText + "</p><p>" + GOOD_2 + "</p>"));
        assertEquals(GOOD_1 + "\n\n" + shortText + "\n\n" + GOOD_2, e.text());
    }

    @Test
    void shortParagraphBetweenBadOnesIsDropped() {
        String shortText = "It reopened on Monday.";
        Extraction e =
                EN.extract(
                        page("<p>" + GOOD_1 + "</p>" + LINKS + "<p>" + shortText + "</p>" + LINKS + "<p>"
                                + GOOD_2 + "</p>"));
        assertEquals(GOOD_1 + "\n\n" + GOOD_2, e.text());
    }

    @Test
    void headingRightBeforeGoodParagraphIsKept() {
        String html = page(LINKS + "<h2>Repairs finished</h2><p>" + GOOD_1 + "</p>" + LINKS);
        assertEquals("Repairs finished\n\n" + GOOD_1, EN.extract(html).text());
        // with heading rules off the short heading is judged like any short text and dropped
        assertEquals(GOOD_1, EN_NO_HEADINGS.extract(html).text());
    }

    @Test
    void longHeadingSeparatedByBoilerplateIsRescued() {
        // The heading is near-good on its own but loses the neighbour vote (links on both sides);
        // jusText's second heading pass brings it back because a good paragraph follows closely.
        String heading =
                "What the closure of the bridge has meant for the people who live on the other side of it";
        String html = page(LINKS + "<h2>" + heading + "</h2>" + LINKS + "<p>" + GOOD_1 + "</p>");
        assertEquals(heading + "\n\n" + GOOD_1, EN.extract(html).text());
        assertEquals(GOOD_1, EN_NO_HEADINGS.extract(html).text());
    }

    @Test
    void cookieBannerIsNearGoodButLosesOnContext() {
        List<Paragraph> ps = CRAWL.classifiedParagraphs(Pages.english());
        Paragraph banner = ps.get(0);
        assertTrue(banner.text.startsWith("We use cookies"), banner.text);
        assertEquals(ParagraphClass.NEARGOOD, banner.cfClass, "prose-like on its own");
        assertEquals(ParagraphClass.BAD, banner.classType, "but surrounded by boilerplate");
        Paragraph byline = ps.stream().filter(p -> p.text.startsWith("By Margaret")).findFirst()
                .orElseThrow();
        assertEquals(ParagraphClass.SHORT, byline.cfClass);
        assertEquals(ParagraphClass.GOOD, byline.classType, "kept next to the article");
    }

    @Test
    void headingFarFromGoodParagraphIsDropped() {
        // about 250 characters of short, link-free filler between heading and article
        StringBuilder filler = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            filler.append("<p>Photo: a view of the bridge from the east bank, number ").append(i)
                    .append(".</p>");
        }
        String html = page(LINKS + "<h2>Repairs finished</h2>" + filler + "<p>" + GOOD_1 + "</p>");
        Extraction e = EN.extract(html);
        assertEquals(GOOD_1, e.text());
        // a larger distance brings it (and the filler it vouches for) back
        JusTextExtractor patient =
                new JusTextExtractor(new JusTextParams(70, 200, 0.30, 0.32, 0.2, 400, false), List.of("en"));
        String kept = patient.extract(html).text();
        assertTrue(kept.startsWith("Repairs finished\n\nPhoto: a view"), kept);
        assertTrue(kept.endsWith(GOOD_1), kept);
    }

    @Test
    void navigationMenuIsDropped() {
        String nav =
                "<ul><li><a href=/>Home</a></li><li><a href=/n>News</a></li><li><a href=/s>Sport</a>"
                        + "</li><li><a href=/w>Weather</a></li></ul>";
        Extraction e = EN.extract(page(nav + "<p>" + GOOD_1 + "</p>" + nav));
        assertEquals(GOOD_1, e.text());
        assertEquals(9, e.paragraphs());
    }

    @Test
    void selectOptionsAreDroppedEvenIfWordy() {
        String select = "<select><option>" + GOOD_2 + "</option></select>";
        assertEquals(GOOD_1, EN.extract(page("<p>" + GOOD_1 + "</p>" + select)).text());
    }

    @Test
    void textOnlyInLinksYieldsNothing() {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 50; i++) {
            body.append("<a href='/p").append(i).append("'>the story of the day number ").append(i)
                    .append(" and what it means for all of us</a> ");
        }
        Extraction e = CRAWL.extract(page(body.toString()));
        assertEquals("", e.text());
        assertEquals(1, e.paragraphs());
        assertEquals("en", e.language());
    }

    @Test
    void languageTieGoesToFirstCandidate() {
        String html = page("<p>Xylophone zebra quokka</p>");
        assertEquals("de", new JusTextExtractor(JusTextParams.defaults(), List.of("de", "en"))
                .extract(html).language());
        assertEquals("en", new JusTextExtractor(JusTextParams.defaults(), List.of("en", "de"))
                .extract(html).language());
    }

    @Test
    void pageWithoutWordsHasNoLanguage() {
        Extraction e = CRAWL.extract(page("<p>--- *** !!!</p><p>😀 😀</p>"));
        assertNull(e.language());
        assertEquals(2, e.paragraphs());
        assertEquals("", e.text());
    }

    @Test
    void parsedDocumentGivesSameResultAndIsNotModified() {
        Document doc = Jsoup.parse(Pages.english());
        String before = doc.outerHtml();
        assertEquals(CRAWL.extract(Pages.english()), CRAWL.extract(doc));
        assertEquals(before, doc.outerHtml());
        assertEquals(Extraction.empty(), CRAWL.extract((Document) null));
    }

    // ---------------------------------------------------------------- construction

    @Test
    void constructorValidatesLanguages() {
        JusTextParams d = JusTextParams.defaults();
        IllegalArgumentException empty =
                assertThrows(IllegalArgumentException.class, () -> new JusTextExtractor(d, List.of()));
        assertTrue(empty.getMessage().contains("languages"), empty.getMessage());
        IllegalArgumentException unknown =
                assertThrows(
                        IllegalArgumentException.class, () -> new JusTextExtractor(d, List.of("en", "tlh")));
        assertTrue(unknown.getMessage().contains("'tlh'"), unknown.getMessage());
        assertTrue(unknown.getMessage().contains("en"), unknown.getMessage());
        assertThrows(NullPointerException.class, () -> new JusTextExtractor(null, List.of("en")));
        assertThrows(NullPointerException.class, () -> new JusTextExtractor(d, null));
    }

    @Test
    void languagesAreNormalisedAndDeduplicated() {
        JusTextExtractor x =
                new JusTextExtractor(JusTextParams.defaults(), List.of("DE", " en", "de", "fr"));
        assertEquals(List.of("de", "en", "fr"), x.languages());
        assertThrows(UnsupportedOperationException.class, () -> x.languages().add("it"));
        List<String> mutable = new ArrayList<>(List.of("en"));
        JusTextExtractor y = new JusTextExtractor(JusTextParams.defaults(), mutable);
        mutable.add("de");
        assertEquals(List.of("en"), y.languages(), "defensive copy");
    }

    @Test
    void extractorSerializesForSpark() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(CRAWL);
        }
        JusTextExtractor copy;
        try (ObjectInputStream in =
                new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (JusTextExtractor) in.readObject();
        }
        assertEquals(CRAWL.languages(), copy.languages());
        assertEquals(CRAWL.params(), copy.params());
        assertEquals(CRAWL.extract(Pages.french()), copy.extract(Pages.french()));
    }

    /** A page in a language with no stop-word list (Finnish judged with only en/de lists). */
    @Test
    void pageInALanguageWithoutAListFallsBackToLanguageIndependentMode() {
        String para = "Kaupunki sijaitsee leveän joen rannalla, ja vanhankaupungin kapeilla kaduilla on monia pieniä "
                + "kauppoja, joita samat perheet ovat pitäneet jo vuosikymmenten ajan, koska he viihtyvät siellä.";
        String html = "<html><body><div><a href=/>Etusivu</a> <a href=/u>Uutiset</a> <a href=/y>Yhteystiedot</a></div>"
                + "<p>" + para + "</p><p>" + para + " " + para + "</p><div>© 2024 Esimerkki Oy</div></body></html>";
        Extraction e = new JusTextExtractor(JusTextParams.defaults(), List.of("en", "de")).extract(html);
        assertEquals(para + "\n\n" + para + " " + para, e.text());
    }

    /** An English page of links and one-liners still yields nothing: the fallback is for unknown languages. */
    @Test
    void englishBoilerplateOnlyPageStaysEmpty() {
        String html = "<html><body><ul><li><a href=/a>Home</a></li><li><a href=/b>Shop</a></li></ul>"
                + "<p>Sign in to see the rest of this page and all of your saved items.</p>"
                + "<div>© 2024 Example Ltd</div></body></html>";
        assertEquals("", new JusTextExtractor(JusTextParams.defaults(), List.of("en")).extract(html).text());
    }
}
