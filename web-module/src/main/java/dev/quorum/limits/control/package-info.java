/** Abuse limits: token buckets for publishes and handshakes, and caps on open connections. */
package dev.quorum.limits.control;
