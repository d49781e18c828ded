/** The audit trail: append-only records of who did what, read by auditors and the admin page. */
package dev.quorum.audit.entity;
