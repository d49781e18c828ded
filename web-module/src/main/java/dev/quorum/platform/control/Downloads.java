package dev.quorum.platform.control;

import jakarta.ws.rs.core.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** A file the browser saves: named (UTF-8), never sniffed, and, opened in a tab, styling itself and nothing else. */
public final class Downloads {

    private Downloads() {}

    public static Response attachment(Object body, String type, String file) {
        String encoded = URLEncoder.encode(file, StandardCharsets.UTF_8).replace("+", "%20");
        return Response.ok(body, type)
                .header("Content-Disposition", "attachment; filename*=UTF-8''" + encoded)
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
                .build();
    }
}
