/**
 * Documents edited together: text-unicode operations, transformed against what others committed since
 * their base revision and committed under the document's lock as its next revision.
 */
package dev.quorum.document.control;
