/** Document messages on a WebSocket connection. */
package dev.quorum.document.control;
