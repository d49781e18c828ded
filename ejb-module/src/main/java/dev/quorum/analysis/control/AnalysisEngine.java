package dev.quorum.analysis.control;

import java.util.List;

/** Turns what was said into sentiment, insights and summaries. */
public interface AnalysisEngine {

    /** {@code local} or {@code remote}: stored with each job's results. */
    String name();

    SegmentAnalysis analyze(Spoken segment);

    /** A few sentences that say what the segments were about, in the order they were said. */
    String summarize(List<Spoken> segments);
}
