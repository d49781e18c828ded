/**
 * The ordered, persisted message log of every room: gapless sequences under a room row lock, idempotent
 * retries by client id, replay ranges and history pages. Committed messages are announced as events.
 */
package dev.quorum.routing.control;
