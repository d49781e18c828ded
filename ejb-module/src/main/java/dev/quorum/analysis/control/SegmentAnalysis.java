package dev.quorum.analysis.control;

import java.util.List;

/** What an engine made of one segment, and which engine it was ({@code local} or {@code remote}). */
public record SegmentAnalysis(Sentiment sentiment, List<Insight> insights, String engine) {}
