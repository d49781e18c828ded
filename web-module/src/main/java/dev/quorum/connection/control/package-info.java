/** The protocol's envelope, frame assembly, handshake refusals and connection metrics. */
package dev.quorum.connection.control;
