/**
 * What every component relies on: the runtime mode, the schema migration run at start-up, and the one
 * table of error codes that every refusal uses.
 */
package dev.quorum.platform.control;
