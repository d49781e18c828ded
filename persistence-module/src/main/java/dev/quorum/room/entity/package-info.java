/**
 * Rooms and their membership. A room belongs to one organization; its access rule decides who may join,
 * and its last sequence number is where the room's message order is kept.
 */
package dev.quorum.room.entity;
