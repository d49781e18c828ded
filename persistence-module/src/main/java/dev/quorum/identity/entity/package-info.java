/**
 * Tenants, members and their roles, and the single-use tickets browsers connect with. A token names a
 * member by organization slug and subject; these entities are what that pair resolves to.
 */
package dev.quorum.identity.entity;
