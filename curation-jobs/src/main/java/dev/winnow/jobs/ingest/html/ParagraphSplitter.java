package dev.winnow.jobs.ingest.html;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;

/**
 * Splits a jsoup DOM into paragraphs the way jusText's ParagraphMaker does: every block-level
 * tag (start or end) closes the current paragraph, inline text accumulates, two consecutive
 * {@code <br>} act as a paragraph break and a single one as a space.
 *
 * <p>The walk uses {@link NodeTraversor#filter}, which is iterative, and tracks heading, link and
 * select nesting with counters instead of searching the tag path, so pathological nesting costs
 * neither stack nor quadratic time.
 */
final class ParagraphSplitter {

    /**
     * Subtrees whose text is never page content. jusText's cleaner drops head, script, style and
     * comments; we also drop embedded/foreign content and form controls whose text is UI labels.
     * {@code <form>} itself is kept (as a block) because some sites wrap their whole body in one.
     */
    static final Set<String> DROPPED =
            Set.of(
                    "head", "title", "script", "style", "noscript", "template", "iframe", "frame", "svg",
                    "math", "object", "embed", "applet", "canvas", "audio", "video", "button", "textarea",
                    "datalist");

    /** jusText's PARAGRAPH_TAGS plus the HTML5 sectioning and grouping elements. */
    static final Set<String> BLOCKS =
            Set.of(
                    "html", "body", "blockquote", "caption", "center", "col", "colgroup", "dd", "div", "dl",
                    "dt", "fieldset", "form", "legend", "optgroup", "option", "select", "p", "pre", "table",
                    "thead", "tbody", "tfoot", "td", "th", "tr", "ul", "ol", "li", "h1", "h2", "h3", "h4",
                    "h5", "h6", "section", "article", "header", "footer", "nav", "aside", "main", "figure",
                    "figcaption", "address", "details", "summary", "dialog", "menu", "dir", "hgroup", "hr",
                    "search", "listing", "xmp", "plaintext", "noframes", "frameset");

    /** How many trailing tags of the path a paragraph remembers (for debugging only). */
    private static final int PATH_TAIL = 12;

    private ParagraphSplitter() {}

    static List<Paragraph> split(Document doc) {
        Walker walker = new Walker();
        NodeTraversor.filter(walker, doc);
        walker.startParagraph(); // flush the trailing paragraph
        return walker.paragraphs;
    }

    private static boolean isHeading(String name) {
        return name.length() == 2 && name.charAt(0) == 'h' && name.charAt(1) >= '1'
                && name.charAt(1) <= '6';
    }

    private static final class Walker implements NodeFilter {
        final List<Paragraph> paragraphs = new ArrayList<>();
        /** Innermost open element; an immutable chain, so a paragraph can keep it at no cost. */
        private PathNode path;
        private int headingDepth;
        private int linkDepth;
        private int selectDepth;
        /** The previous significant token was a {@code <br>} (jusText's {@code self.br}). */
        private boolean br;

        // The paragraph being built.
        private final StringBuilder text = new StringBuilder();
        private int linkChars;
        private boolean pendingSpace;
        private PathNode startPath;
        private boolean startHeading;
        private boolean startSelect;

        @Override
        public FilterResult head(Node node, int depth) {
            if (node instanceof TextNode t) {
                appendText(t.getWholeText());
                return FilterResult.CONTINUE;
            }
            if (node instanceof Document) {
                return FilterResult.CONTINUE;
            }
            if (!(node instanceof Element e)) {
                return FilterResult.SKIP_ENTIRELY; // comments, doctype, data nodes
            }
            String name = e.normalName();
            if (DROPPED.contains(name)) {
                // jsoup does not call tail() for skipped nodes, so nothing was pushed for them.
                return FilterResult.SKIP_ENTIRELY;
            }
            enter(name);
            if (BLOCKS.contains(name)) {
                startParagraph();
            } else if (name.equals("br")) {
                if (br) {
                    startParagraph();
                } else {
                    br = true;
                    pendingSpace = true;
                }
            } else {
                br = false;
            }
            return FilterResult.CONTINUE;
        }

        @Override
        public FilterResult tail(Node node, int depth) {
            if (node instanceof Element e && !(node instanceof Document)) {
                String name = e.normalName();
                leave(name);
                if (BLOCKS.contains(name)) {
                    startParagraph();
                }
            }
            return FilterResult.CONTINUE;
        }

        private void enter(String name) {
            path = new PathNode(name, path);
            if (isHeading(name)) {
                headingDepth++;
            } else if (name.equals("a")) {
                linkDepth++;
            } else if (name.equals("select")) {
                selectDepth++;
            }
        }

        private void leave(String name) {
            path = path.parent;
            if (isHeading(name)) {
                headingDepth--;
            } else if (name.equals("a")) {
                linkDepth--;
            } else if (name.equals("select")) {
                selectDepth--;
            }
        }

        /** Appends raw text collapsing every whitespace run to one space. */
        private void appendText(String raw) {
            boolean inLink = linkDepth > 0;
            boolean appended = false;
            int n = raw.length();
            for (int i = 0; i < n; ) {
                int cp = raw.codePointAt(i);
                i += Character.charCount(cp);
                if (isSpace(cp)) {
                    pendingSpace = true;
                    continue;
                }
                if (isInvisible(cp)) {
                    continue;
                }
                if (pendingSpace && text.length() > 0) {
                    text.append(' ');
                    // A space inside this link's own text belongs to the link; the one separating it from
                    // preceding text does not.
                    if (inLink && appended) {
                        linkChars++;
                    }
                }
                pendingSpace = false;
                text.appendCodePoint(cp);
                if (inLink) {
                    linkChars++;
                }
                appended = true;
            }
            if (appended) {
                br = false;
            }
        }

        void startParagraph() {
            if (text.length() > 0) {
                paragraphs.add(
                        new Paragraph(
                                text.toString(), PathNode.render(startPath, PATH_TAIL), linkChars, startHeading,
                                startSelect));
            }
            text.setLength(0);
            if (text.capacity() > 1 << 16) {
                text.trimToSize(); // do not pin a huge buffer for the rest of the page
            }
            linkChars = 0;
            pendingSpace = false;
            startPath = path;
            startHeading = headingDepth > 0;
            startSelect = selectDepth > 0;
        }
    }

    /**
     * One open element and its ancestors, innermost first. A plain class, not a record: a record's
     * generated equals/hashCode/toString would recurse down the whole chain.
     */
    private static final class PathNode {
        final String name;
        final PathNode parent;

        PathNode(String name, PathNode parent) {
            this.name = name;
            this.parent = parent;
        }

        /** The innermost {@code keep} names, outermost first, prefixed by "..." when truncated. */
        static String render(PathNode node, int keep) {
            ArrayDeque<String> names = new ArrayDeque<>();
            PathNode p = node;
            while (p != null && names.size() < keep) {
                names.addFirst(p.name);
                p = p.parent;
            }
            String joined = String.join(".", names);
            return p != null ? "..." + joined : joined;
        }
    }

    static boolean isSpace(int cp) {
        return Character.isWhitespace(cp) || Character.isSpaceChar(cp) || Character.isISOControl(cp);
    }

    /** Zero-width characters that would otherwise glue or split words invisibly. */
    static boolean isInvisible(int cp) {
        // ZWJ/ZWNJ are left alone: they are meaningful in Indic and Persian scripts and emoji.
        return cp == 0x200B || cp == 0x2060 || cp == 0xFEFF || cp == 0x00AD;
    }
}
