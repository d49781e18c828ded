package dev.quorum.minutes.control;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import dev.quorum.document.control.DocumentRendering;
import dev.quorum.minutes.control.MeetingMinutes.MinutesDocument;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The minutes as files: Markdown as written, a standalone HTML page with a print stylesheet, and PDF laid out
 * from that same page by OpenHTMLtoPDF. The HTML is the sanitizer's output, which is well-formed XHTML, so the
 * PDF renderer takes it as it is.
 */
public final class MinutesFormats {

    private static final String STYLE =
            "body{font-family:Georgia,'Times New Roman',serif;max-width:46em;margin:2em auto;"
                    + "line-height:1.45;color:#1b1f24}h1{font-size:1.6em}h2{font-size:1.25em;margin-top:1.4em;"
                    + "border-bottom:1px solid #888}h3{font-size:1.05em}table{border-collapse:collapse}"
                    + "td,th{border:1px solid #888;padding:.2em .5em;text-align:left}"
                    + ".draft{color:#b3261e;font-weight:bold;text-transform:uppercase;letter-spacing:.1em}"
                    + "@page{size:A4;margin:2cm}@media print{body{margin:0;max-width:none}a{color:inherit}}";

    private MinutesFormats() {}

    public static String html(MinutesDocument minutes) {
        return "<!DOCTYPE html>\n<html lang=\"en\" xmlns=\"http://www.w3.org/1999/xhtml\">\n<head>\n"
                + "<meta charset=\"utf-8\" />\n<title>" + escape("Minutes — " + minutes.title()) + "</title>\n"
                + "<style>" + STYLE + "</style>\n</head>\n<body>\n"
                + (minutes.approved() ? "" : "<p class=\"draft\">Draft — not approved</p>\n")
                + DocumentRendering.html(minutes.markdown())
                + "\n</body>\n</html>\n";
    }

    public static byte[] pdf(MinutesDocument minutes) {
        ByteArrayOutputStream pdf = new ByteArrayOutputStream();
        try {
            PdfRendererBuilder builder = new PdfRendererBuilder();
            builder.useFastMode();
            builder.withHtmlContent(html(minutes).replace("<!DOCTYPE html>", ""), null);
            builder.toStream(pdf);
            builder.run();
        } catch (IOException e) {
            throw new UncheckedIOException("The minutes could not be laid out as PDF", e);
        }
        return pdf.toByteArray();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
