/**
 * Meetings and voting: attendance and quorum, motions, votes, proxies and minutes, each change one
 * transaction of {@link dev.quorum.meeting.control.MeetingFlow} with its domain events; the web module
 * adds the protocol's meeting commands and a meeting's state as one member sees it.
 */
package dev.quorum.meeting.control;
