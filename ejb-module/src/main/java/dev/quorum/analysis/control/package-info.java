/**
 * AI analysis of what is said in meetings: jobs written to an outbox in the transaction that stored their
 * input, relayed to JMS, run by a message-driven bean with a pluggable engine (local embeddings and rules,
 * or a remote OpenAI-compatible model with the local one as its fallback), results stored once per job and
 * streamed to the meeting's room as {@code analysis.*} messages.
 */
package dev.quorum.analysis.control;
