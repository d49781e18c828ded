package dev.quorum.analysis.control;

import java.util.List;

/** What an engine made of one segment. */
public record SegmentAnalysis(Sentiment sentiment, List<Insight> insights) {}
