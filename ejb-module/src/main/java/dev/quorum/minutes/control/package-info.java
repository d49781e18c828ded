/** The minutes of a meeting: assembled from its record, narrated by its secretary, approved and locked. */
package dev.quorum.minutes.control;
