/** WebSocket connections: the handshake's authentication and the {@code /ws} endpoint. */
package dev.quorum.connection.boundary;
