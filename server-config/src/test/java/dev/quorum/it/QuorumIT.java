package dev.quorum.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Base of the integration tests on the shared Payara Micro ({@link SharedServer}: the very WAR of the
 * distribution, not a test assembly of it), with HTTP and WebSocket helpers against it.
 */
abstract class QuorumIT {

    /**
     * HTTP/1.1 on purpose: the JDK client's default HTTP/2 upgrade on plain http sometimes hung against
     * Payara beyond the request timeout.
     */
    static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    final URL base = SharedServer.base();

    URI api(String path) {
        return URI.create(base.toString().replaceAll("/$", "") + "/api/" + path);
    }

    URI ws() {
        return URI.create(base.toString().replaceFirst("^http", "ws").replaceAll("/$", "") + "/ws");
    }

    URI serverRoot(String path) {
        return URI.create(base.getProtocol() + "://" + base.getHost() + ":" + base.getPort() + path);
    }

    HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return HTTP.send(
                HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(URI uri, String bearer, String json) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .POST(json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Any method with a bearer token and an optional JSON body. */
    HttpResponse<String> call(String method, String path, String bearer, String body)
            throws IOException, InterruptedException {
        return call(api(path), method, bearer, body);
    }

    /** Any method on any node's URI, with a bearer token and an optional JSON body. */
    static HttpResponse<String> call(URI uri, String method, String bearer, String body)
            throws IOException, InterruptedException {
        return HTTP.send(
                HttpRequest.newBuilder(uri)
                        .timeout(Duration.ofSeconds(20))
                        .header("Authorization", "Bearer " + bearer)
                        .header("Content-Type", "application/json")
                        .method(
                                method,
                                body == null
                                        ? HttpRequest.BodyPublishers.noBody()
                                        : HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

    /** The id of a seed room, read from the database the server uses. */
    static long roomId(String organization, String name) {
        try (java.sql.Connection db = java.sql.DriverManager.getConnection(
                        System.getProperty("quorum.it.dbUrl"), System.getProperty("quorum.it.dbUser"), "");
                java.sql.PreparedStatement query = db.prepareStatement("SELECT r.id FROM room r JOIN organization o "
                        + "ON o.id = r.organization_id WHERE o.slug = ? AND r.name = ?")) {
            query.setString(1, organization);
            query.setString(2, name);
            try (java.sql.ResultSet rs = query.executeQuery()) {
                if (!rs.next()) {
                    throw new AssertionError("no room " + name + " in " + organization);
                }
                return rs.getLong(1);
            }
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
    }

    /** A connected client of the member the token names, joined to the room. */
    QuorumClient attendee(String token, long room) {
        QuorumClient client = QuorumClient.withToken(ws(), token);
        client.welcome();
        client.send("{\"type\":\"join\",\"id\":\"j\",\"data\":{\"room\":" + room + "}}");
        client.next("joined");
        return client;
    }

    /** A fresh single-use ticket for the member the token names. */
    String ticketFor(String token) throws IOException, InterruptedException {
        HttpResponse<String> response = post(api("tickets"), token, null);
        if (response.statusCode() != 201) {
            throw new AssertionError("ticket refused: " + response.statusCode() + " " + response.body());
        }
        return json(response.body()).getString("ticket");
    }
}
