package dev.quorum.analysis.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.inject.Inject;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.ExecutionContext;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.FallbackHandler;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

/**
 * The engine behind an OpenAI-compatible endpoint, guarded so that a slow or broken model never holds up a
 * job: each call times out, is tried twice, runs at most four at a time, and after repeated failures is not
 * tried for a while (circuit breaker); every failure falls back to the local engine, which always answers.
 * The annotations' values can be overridden per MicroProfile Fault Tolerance's configuration, e.g.
 * {@code dev.quorum.analysis.control.RemoteEngine/CircuitBreaker/delay}.
 */
@ApplicationScoped
public class RemoteEngine implements AnalysisEngine {

    @Inject
    RemoteEngineSettings settings;

    @Inject
    RemoteCircuit circuit;

    @Override
    @Timeout(value = 20, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 1, delay = 200, abortOn = CircuitBreakerOpenException.class)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.5, delay = 15_000, successThreshold = 1)
    @Bulkhead(4)
    @Fallback(AnalyzeLocally.class)
    public SegmentAnalysis analyze(Spoken segment) {
        String answer = ChatCompletions.complete(
                settings.url(),
                settings.model(),
                settings.key(),
                settings.timeout(),
                RemoteAnswers.SEGMENT_INSTRUCTIONS,
                RemoteAnswers.segmentQuestion(segment));
        SegmentAnalysis analysis = RemoteAnswers.segment(answer, segment);
        circuit.succeeded();
        return analysis;
    }

    @Override
    @Timeout(value = 60, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 1, delay = 200, abortOn = CircuitBreakerOpenException.class)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.5, delay = 15_000, successThreshold = 1)
    @Bulkhead(2)
    @Fallback(SummarizeLocally.class)
    public Summary summarize(List<Spoken> segments) {
        String answer = ChatCompletions.complete(
                settings.url(),
                settings.model(),
                settings.key(),
                settings.timeout().multipliedBy(3),
                RemoteAnswers.SUMMARY_INSTRUCTIONS,
                RemoteAnswers.summaryQuestion(segments));
        Summary summary = RemoteAnswers.summary(answer);
        circuit.succeeded();
        return summary;
    }

    private static AnalysisEngines engines(ExecutionContext context) {
        CDI.current()
                .select(RemoteCircuit.class)
                .get()
                .failed(context.getFailure(), context.getFailure() instanceof CircuitBreakerOpenException);
        return CDI.current().select(AnalysisEngines.class).get();
    }

    /** A CDI bean, as fallback handlers must be (this archive discovers annotated beans only). */
    @Dependent
    public static class AnalyzeLocally implements FallbackHandler<SegmentAnalysis> {
        @Override
        public SegmentAnalysis handle(ExecutionContext context) {
            return engines(context).local().analyze((Spoken) context.getParameters()[0]);
        }
    }

    @Dependent
    public static class SummarizeLocally implements FallbackHandler<Summary> {
        @Override
        @SuppressWarnings("unchecked")
        public Summary handle(ExecutionContext context) {
            return engines(context).local().summarize((List<Spoken>) context.getParameters()[0]);
        }
    }
}
