package dev.quorum.analysis.control;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;

/**
 * Sentence embeddings from all-MiniLM-L6-v2 (quantized), an ONNX model shipped inside a Maven jar: no
 * network, no download. Loaded once per JVM on first use (about a second); an embedding then takes a few
 * milliseconds on one core.
 */
public final class SentenceEmbeddings {

    private SentenceEmbeddings() {}

    private static final class Holder {
        // runs on the caller's thread: no pool of unmanaged threads inside the application server
        static final EmbeddingModel MODEL = new AllMiniLmL6V2QuantizedEmbeddingModel(Runnable::run);
    }

    public static float[] embed(String sentence) {
        return Holder.MODEL.embed(sentence).content().vector();
    }
}
