/** The organization's latest notices over REST, for every page's banner. */
package dev.quorum.notice.boundary;
