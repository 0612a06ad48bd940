package dev.winnow.jobs.ingest.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ParagraphSplitterTest {

    private static List<Paragraph> split(String html) {
        return ParagraphSplitter.split(Jsoup.parse(html));
    }

    private static List<String> texts(String html) {
        return split(html).stream().map(p -> p.text).toList();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(
            delimiter = '|',
            value = {
                // block boundaries
                "<p>one</p><p>two</p>|one¶two",
                "<div>before<p>inner</p>after</div>|before¶inner¶after",
                "<ul><li>a</li><li>b</li></ul>|a¶b",
                "<table><tr><td>a</td><td>b</td></tr><tr><th>c</th></tr></table>|a¶b¶c",
                "<section>s</section><article>a</article><aside>x</aside><nav>n</nav>|s¶a¶x¶n",
                "<blockquote>q</blockquote><pre>p</pre><address>ad</address>|q¶p¶ad",
                "<dl><dt>term</dt><dd>definition</dd></dl>|term¶definition",
                "<figure><img src=x>pic<figcaption>cap</figcaption></figure>|pic¶cap",
                "<h1>a</h1><h2>b</h2><h3>c</h3><h4>d</h4><h5>e</h5><h6>f</h6>|a¶b¶c¶d¶e¶f",
                "text<hr>more|text¶more",
                // inline elements accumulate
                "<p>Hello <b>bold</b> and <i>it</i>alic</p>|Hello bold and italic",
                "<p><b>foo</b> <i>bar</i></p>|foo bar",
                "<p>foo<b>bar</b></p>|foobar",
                "<p>x <span><em>y</em></span> <code>z</code></p>|x y z",
                // whitespace normalisation
                "'<p>  a \n\t b&nbsp;&nbsp;c </p>'|a b c",
                "'<pre>line1\n   line2\n</pre>'|line1 line2",
                "<p>in\u00ADcred\u200Bible</p>|incredible",
                "<p>\u3000wide\u3000space\u3000</p>|wide space",
                // line breaks: one is a space, two are a paragraph break
                "<p>a<br>b</p>|a b",
                "<p>a<br><br>b</p>|a¶b",
                "'<p>a<br> \n <br>b</p>'|a¶b",
                "<p>a<br><span></span><br>b</p>|a b",
                "<p>a<br>x<br>b</p>|a x b",
                // dropped subtrees
                "<p>keep</p><script>var drop = 1;</script>|keep",
                "<style>p { color: red }</style><p>keep</p>|keep",
                "<noscript>enable js</noscript><p>keep</p>|keep",
                "<template><p>hidden</p></template><p>keep</p>|keep",
                "<svg><text>chart label</text></svg><p>keep</p>|keep",
                "<iframe>frame text</iframe><p>keep</p>|keep",
                "<p>keep<!-- a comment --></p>|keep",
                "<p>keep <button>Click me</button></p>|keep",
                "<textarea>type here</textarea><p>keep</p>|keep",
                "<video>Your browser cannot play this</video><p>keep</p>|keep",
                "<html><head><title>Title</title></head><body><p>keep</p></body></html>|keep",
                // forms are boundaries, not dropped: some sites wrap the whole page in one
                "<form><p>inside form</p></form>|inside form",
                "<form>label <input name=q> text</form>|label text"
            })
    void splitsLikeJusText(String html, String expected) {
        assertEquals(List.of(expected.split("¶")), texts(html));
    }

    @Test
    void emptyAndWhitespaceOnlyBlocksAreNotParagraphs() {
        assertEquals(List.of(), texts(""));
        assertEquals(List.of(), texts("<div> </div><p>\n\t</p><br><br>"));
        assertEquals(List.of("x"), texts("<div><p></p><p> x </p><p>&nbsp;</p></div>"));
    }

    @Test
    void linkCharactersAreCounted() {
        Paragraph p = split("<p>see <a href=x>the docs</a> now</p>").get(0);
        assertEquals("see the docs now", p.text);
        assertEquals(16, p.length);
        assertEquals(8, p.linkChars); // "the docs", including its inner space
        assertEquals(0.5, p.linkDensity());
    }

    @Test
    void linkStateSurvivesBlockBoundariesInsideTheLink() {
        List<Paragraph> ps = split("<a href=x><div>one</div><div>two</div></a><p>three</p>");
        assertEquals(3, ps.size());
        assertEquals(3, ps.get(0).linkChars);
        assertEquals(3, ps.get(1).linkChars);
        assertEquals(0, ps.get(2).linkChars);
    }

    @Test
    void nestedLinksDoNotEndLinkStateEarly() {
        Document doc = new Document("");
        Element p = doc.appendElement("html").appendElement("body").appendElement("p");
        Element outer = p.appendElement("a");
        outer.appendElement("a").appendText("in");
        outer.appendText("side");
        p.appendText(" out");
        Paragraph para = ParagraphSplitter.split(doc).get(0);
        assertEquals("inside out", para.text);
        assertEquals(6, para.linkChars);
    }

    @Test
    void headingFlagFollowsJusTextDomPath() {
        List<Paragraph> ps = split("<h2>Title <span>x</span></h2><p>body</p><div><h3>a</h3>tail</div>");
        assertEquals(List.of("Title x", "body", "a", "tail"), ps.stream().map(q -> q.text).toList());
        assertTrue(ps.get(0).heading);
        assertFalse(ps.get(1).heading);
        assertTrue(ps.get(2).heading);
        assertFalse(ps.get(3).heading, "text after </h3> is not part of the heading");
    }

    @Test
    void selectOptionsAreFlagged() {
        List<Paragraph> ps =
                split("<p>Pick one</p><select><option>One</option><option>Two</option></select><p>x</p>");
        assertEquals(List.of("Pick one", "One", "Two", "x"), ps.stream().map(q -> q.text).toList());
        assertFalse(ps.get(0).inSelect);
        assertTrue(ps.get(1).inSelect);
        assertTrue(ps.get(2).inSelect);
        assertFalse(ps.get(3).inSelect);
    }

    @Test
    void domPathIsRecordedAndTruncatedWhenDeep() {
        assertEquals("html.body.div.p", split("<div><p>x</p></div>").get(0).domPath);
        StringBuilder deep = new StringBuilder();
        for (int i = 0; i < 30; i++) {
            deep.append("<section>");
        }
        deep.append("<p>x</p>");
        String path = split(deep.toString()).get(0).domPath;
        assertTrue(path.startsWith("...section."), path);
        assertTrue(path.endsWith(".section.p"), path);
        assertEquals(12, path.substring(3).split("\\.").length, path);
    }

    @Test
    void lengthCountsCodePoints() {
        Paragraph p = split("<p>😀😀 日本</p>").get(0);
        assertEquals(5, p.length);
        assertEquals("😀😀 日本", p.text);
    }

    @Test
    void doesNotModifyTheDocument() {
        Document doc =
                Jsoup.parse("<html><head><script>x()</script></head><body><p>a<br><br>b</p></body></html>");
        String before = doc.outerHtml();
        ParagraphSplitter.split(doc);
        assertEquals(before, doc.outerHtml());
    }

    @Test
    void unclosedAndMisnestedMarkupIsTolerated() {
        assertEquals(List.of("a", "b c", "d"), texts("<p>a<p>b <b>c<div>d</b>"));
    }
}
