/** The administration REST API of an organization: statistics, rooms and presence, broadcasts, disconnects. */
package dev.quorum.admin.boundary;
