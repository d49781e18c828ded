/** Development-mode fault injection into delivery, for the tests that prove it survives faults. */
package dev.quorum.delivery.boundary;
