package dev.quorum.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A WebSocket upgrade request written by hand, so that a refused handshake's status and body can be
 * read exactly as a client sees them (the JDK client hides both behind an exception).
 */
public final class RawHandshake {

    public record Answer(int status, String headers, String body) {}

    private RawHandshake() {}

    public static Answer attempt(URI ws, Map<String, String> headers) throws IOException {
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        StringBuilder request = new StringBuilder().append("GET ").append(ws.getRawPath());
        if (ws.getRawQuery() != null) {
            request.append('?').append(ws.getRawQuery());
        }
        request.append(" HTTP/1.1\r\n")
                .append("Host: ")
                .append(ws.getHost())
                .append(':')
                .append(ws.getPort())
                .append("\r\n")
                .append("Upgrade: websocket\r\n")
                .append("Connection: Upgrade\r\n")
                .append("Sec-WebSocket-Version: 13\r\n")
                .append("Sec-WebSocket-Key: ")
                .append(Base64.getEncoder().encodeToString(nonce))
                .append("\r\n");
        headers.forEach(
                (name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
        request.append("\r\n");
        try (Socket socket = new Socket(ws.getHost(), ws.getPort())) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String head = readHead(socket.getInputStream());
            int status = Integer.parseInt(head.split(" ", 3)[1]);
            if (status == 101) {
                return new Answer(status, head, "");
            }
            int length = contentLength(head);
            byte[] body = length >= 0
                    ? socket.getInputStream().readNBytes(length)
                    : socket.getInputStream().readAllBytes();
            return new Answer(status, head, new String(body, StandardCharsets.UTF_8));
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    private static int contentLength(String head) {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) {
                return Integer.parseInt(line.substring(15).trim());
            }
        }
        return -1;
    }
}
