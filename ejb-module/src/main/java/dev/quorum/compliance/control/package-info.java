/** Compliance monitoring: what each rule detects, the organization's rules, screening, findings. */
package dev.quorum.compliance.control;
