/**
 * Encryption at rest: per-organization AES-256-GCM keysets wrapped by the master key, sealing and opening of
 * sensitive content, rotation and background re-encryption.
 */
package dev.quorum.encryption.control;
