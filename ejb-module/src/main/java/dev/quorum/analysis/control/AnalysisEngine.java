package dev.quorum.analysis.control;

import java.util.List;

/** Turns what was said into sentiment, insights and summaries. */
public interface AnalysisEngine {

    SegmentAnalysis analyze(Spoken segment);

    /** A few sentences that say what the segments were about, in the order they were said. */
    Summary summarize(List<Spoken> segments);
}
