package dev.quorum.document.control;

import java.util.List;
import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;
import org.owasp.html.Sanitizers;

/**
 * A document's Markdown as HTML: CommonMark with tables, raw HTML in the text shown as text, links limited
 * to safe schemes, and the result passed through a sanitizer that allows only what Markdown itself makes
 * (a board paper is written by people; its HTML is read by everyone, so nothing in it may run).
 */
public final class DocumentRendering {

    private static final List<Extension> EXTENSIONS = List.of(TablesExtension.create());
    private static final Parser PARSER = Parser.builder().extensions(EXTENSIONS).build();
    private static final HtmlRenderer RENDERER = HtmlRenderer.builder()
            .extensions(EXTENSIONS)
            .escapeHtml(true)
            .sanitizeUrls(true)
            .build();

    private static final PolicyFactory MARKDOWN_HTML = Sanitizers.FORMATTING
            .and(Sanitizers.BLOCKS)
            .and(Sanitizers.LINKS)
            .and(Sanitizers.TABLES)
            .and(new HtmlPolicyBuilder()
                    .allowElements("pre", "code", "hr", "br", "del")
                    .allowAttributes("align")
                    .onElements("th", "td")
                    .toFactory());

    private DocumentRendering() {}

    /** The text's HTML, a fragment to place inside a page. */
    public static String html(String markdown) {
        return MARKDOWN_HTML.sanitize(RENDERER.render(PARSER.parse(markdown)));
    }

    /** A standalone page for the HTML export: title, what revision and status, the rendered text. */
    public static String page(DocumentView document, long revision, String markdown) {
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>"
                + escape(document.title())
                + "</title>\n<style>body{font-family:Georgia,serif;max-width:46em;margin:2em auto;line-height:1.5}"
                + "table{border-collapse:collapse}td,th{border:1px solid #888;padding:.25em .5em}"
                + "header{border-bottom:1px solid #888;margin-bottom:1.5em}"
                + "@media print{body{margin:0;max-width:none}a{color:inherit}}</style>\n</head>\n<body>\n<header>"
                + "<h1>" + escape(document.title()) + "</h1><p>"
                + escape(document.kind().replace('_', ' '))
                + " · " + escape(document.status().replace('_', ' ')) + " · revision " + revision
                + "</p></header>\n<main>\n" + html(markdown) + "</main>\n</body>\n</html>\n";
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
