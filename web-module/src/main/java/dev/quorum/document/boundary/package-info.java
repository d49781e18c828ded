/** Documents over REST. */
package dev.quorum.document.boundary;
