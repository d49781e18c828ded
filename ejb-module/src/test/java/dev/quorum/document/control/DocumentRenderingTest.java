package dev.quorum.document.control;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DocumentRenderingTest {

    @Test
    void markdownBecomesHtml() {
        String html = DocumentRendering.html(
                "# Q3 results\n\nRevenue **grew** by *4 %*.\n\n- one\n- two\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n"
                        + "[report](https://example.com/q3)\n\n```\ncode\n```\n");
        assertTrue(html.contains("<h1>Q3 results</h1>"), html);
        assertTrue(html.contains("<strong>grew</strong>"), html);
        assertTrue(html.contains("<li>one</li>"), html);
        assertTrue(html.contains("<td>1</td>"), html);
        assertTrue(html.contains("href=\"https://example.com/q3\""), html);
        assertTrue(html.contains("<pre><code>code"), html);
    }

    @Test
    void nothingInTheTextRuns() {
        String html = DocumentRendering.html("<script>alert(1)</script>\n\n<img src=x onerror=alert(2)>\n\n"
                + "[click](javascript:alert(3)) ![x](javascript:alert(4))");
        assertFalse(html.contains("<script"), html);
        assertFalse(html.contains("<img src=x"), html);
        assertFalse(html.contains("javascript:"), html);
        assertTrue(html.contains("&lt;script&gt;"), "raw HTML is shown as text: " + html);
    }
}
