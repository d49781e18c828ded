/**
 * The development launcher of the Payara Micro distribution: starts PostgreSQL (embedded unless
 * configured otherwise), writes the server resources and runs Payara Micro with the one-WAR deployment.
 * Not part of the WAR or the EAR.
 */
package dev.quorum.launcher;
