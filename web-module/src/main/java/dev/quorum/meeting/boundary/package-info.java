/** Meetings at the edge: REST for meeting management, state, minutes and proxies. */
package dev.quorum.meeting.boundary;
