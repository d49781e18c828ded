package dev.quorum.platform.boundary;

import dev.quorum.platform.control.JsonText;
import dev.quorum.platform.control.QuorumError;
import dev.quorum.platform.control.QuorumException;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads every REST body as a JSON object, the way WebSocket frames are read: strict UTF-8, a size limit, a
 * nesting-depth limit, and one clear refusal for anything else. The resources then validate the fields
 * with the same {@code Fields} the protocol uses.
 */
@Provider
@Consumes({MediaType.APPLICATION_JSON, "application/scim+json"})
public class JsonBodyReader implements MessageBodyReader<JsonObject> {

    /** Room for a member meeting of 10,000 participants; every other body is far smaller. */
    static final int MAX_BODY_BYTES = 2 * 1024 * 1024;

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return type == JsonObject.class;
    }

    @Override
    public JsonObject readFrom(
            Class<JsonObject> type,
            Type genericType,
            Annotation[] annotations,
            MediaType mediaType,
            MultivaluedMap<String, String> headers,
            InputStream body)
            throws IOException {
        byte[] bytes = body.readNBytes(MAX_BODY_BYTES + 1);
        if (bytes.length > MAX_BODY_BYTES) {
            throw new QuorumException(
                    QuorumError.BODY_TOO_LARGE, "The body is larger than " + MAX_BODY_BYTES + " bytes.");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new QuorumException(QuorumError.MALFORMED_JSON, "The body is not UTF-8.");
        }
        return JsonText.parseObject(text, "body");
    }
}
