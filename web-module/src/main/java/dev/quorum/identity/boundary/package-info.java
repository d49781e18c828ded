/** REST entry points of identity: tickets for browsers, and development-mode tokens. */
package dev.quorum.identity.boundary;
