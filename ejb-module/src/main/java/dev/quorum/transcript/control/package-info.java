/**
 * What is said in a meeting: segments from the meeting page (typed notes or the browser's speech
 * recognition), from REST and from integrators' speech-to-text over JMS; stored once per source id, screened
 * like every other text, streamed to the meeting's room and searchable per meeting.
 */
package dev.quorum.transcript.control;
