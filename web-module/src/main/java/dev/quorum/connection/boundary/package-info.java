/**
 * WebSocket connections: the handshake's authentication, the {@code /ws} endpoint with the protocol's
 * envelope, and the node-local registry and metrics of open connections.
 */
package dev.quorum.connection.boundary;
