/**
 * Delivery to connections: the room commands of the protocol, the fan-out of committed messages, and
 * each connection's ordered, bounded, priority-aware outbound queue.
 */
package dev.quorum.routing.boundary;
