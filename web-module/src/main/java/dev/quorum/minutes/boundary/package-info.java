/** The minutes over REST: read, narrated, approved, downloaded. */
package dev.quorum.minutes.boundary;
