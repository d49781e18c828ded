/** Mapping helpers every entity shares. */
package dev.quorum.platform.entity;
