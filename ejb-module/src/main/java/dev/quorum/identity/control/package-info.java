/**
 * Who is connecting: resolving a verified token's claims to an active member, single-use connection
 * tickets for browsers, and (in development mode only) tokens for the seed members.
 */
package dev.quorum.identity.control;
