/** The application's own surface: the REST application, error answers, and the health checks. */
package dev.quorum.platform.boundary;
