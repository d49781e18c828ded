/** Documents edited together: the document with its newest text; operations and snapshots are read by SQL. */
package dev.quorum.document.entity;
