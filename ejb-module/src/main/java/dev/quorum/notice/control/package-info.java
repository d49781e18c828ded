/** Organization notices: kept, so that the latest reach a member on the next page they open. */
package dev.quorum.notice.control;
