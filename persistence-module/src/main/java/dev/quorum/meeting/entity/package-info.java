/** Meetings as stored: the meeting with its kind, status and quorum rule, its agenda, participants and proxies. */
package dev.quorum.meeting.entity;
