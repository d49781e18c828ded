package dev.quorum.platform.control;

/** Stands in for Payara's com.sun.appserv.connectors.internal.api.PoolingException (same simple name). */
class PoolingException extends Exception {

    private static final long serialVersionUID = 1L;

    PoolingException(String message) {
        super(message);
    }
}
