/**
 * Meetings and voting at the edge: REST for meeting management and proxies, the live flow (attendance,
 * motions, votes, tallies, quorum) over the WebSocket protocol, and the events that flow through each
 * meeting's room.
 */
package dev.quorum.meeting.boundary;
