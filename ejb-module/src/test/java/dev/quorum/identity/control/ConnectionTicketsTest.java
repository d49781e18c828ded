package dev.quorum.identity.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class ConnectionTicketsTest {

    @Test
    void storesTicketsAsSha256Hashes() {
        // known SHA-256 of "abc"
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", ConnectionTickets.hash("abc"));
        assertNotEquals(ConnectionTickets.hash("abc"), ConnectionTickets.hash("abd"));
    }
}
