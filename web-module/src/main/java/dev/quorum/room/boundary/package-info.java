/** REST entry points of rooms: the rooms a member may enter. */
package dev.quorum.room.boundary;
