/**
 * Delivery to connections: the node's open connections, each with its ordered, bounded, priority-aware
 * outbound queue; the fan-out of committed messages to them and to the other nodes of a cluster; and the
 * repair of what the cluster topic lost.
 */
package dev.quorum.delivery.control;
