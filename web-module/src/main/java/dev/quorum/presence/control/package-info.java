/** Presence per room across the cluster, with a grace period for dropped connections, and typing. */
package dev.quorum.presence.control;
