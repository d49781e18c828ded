package dev.quorum.analysis.control;

import static dev.quorum.platform.control.JsonText.JSON;

import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * One call to an OpenAI-compatible chat completions endpoint, asking for a JSON object. Whatever goes wrong
 * (refused, slow, an error status, an answer that is not what was asked) is a {@link RemoteFailure}.
 */
final class ChatCompletions {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(3))
            .build();

    /** The remote engine failed this call; the cause says how (never the key). */
    static final class RemoteFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RemoteFailure(String message) {
            super(message);
        }
    }

    private ChatCompletions() {}

    static String complete(URI base, String model, Optional<String> key, Duration timeout, String system, String user) {
        String body = JSON.createObjectBuilder()
                .add("model", model)
                .add("temperature", 0)
                .add("response_format", JSON.createObjectBuilder().add("type", "json_object"))
                .add(
                        "messages",
                        JSON.createArrayBuilder()
                                .add(JSON.createObjectBuilder()
                                        .add("role", "system")
                                        .add("content", system))
                                .add(JSON.createObjectBuilder()
                                        .add("role", "user")
                                        .add("content", user)))
                .build()
                .toString();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/chat/completions"))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        key.ifPresent(value -> request.header("Authorization", "Bearer " + value));
        HttpResponse<String> response;
        try {
            response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new RemoteFailure(
                    "the remote engine did not answer: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RemoteFailure("interrupted while waiting for the remote engine");
        }
        if (response.statusCode() / 100 != 2) {
            throw new RemoteFailure("the remote engine answered HTTP " + response.statusCode());
        }
        try (JsonReader reader = JSON.createReader(new StringReader(response.body()))) {
            JsonObject answer = reader.readObject();
            return answer.getJsonArray("choices")
                    .getJsonObject(0)
                    .getJsonObject("message")
                    .getString("content");
        } catch (RuntimeException e) {
            throw new RemoteFailure("the remote engine's answer is not a chat completion");
        }
    }
}
