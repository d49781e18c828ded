/** The audit trail's writer and reader: who did what, to what, from where. */
package dev.quorum.audit.control;
