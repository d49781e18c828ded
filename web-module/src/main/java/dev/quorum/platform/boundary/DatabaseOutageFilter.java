package dev.quorum.platform.boundary;

import dev.quorum.platform.control.DatabaseOutage;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;

/**
 * REST calls while the database is known to be away are answered 503 {@code UNAVAILABLE} with Retry-After
 * at once, instead of each waiting for a connection. Only the client configuration is served from memory
 * and never refused.
 */
@Provider
public class DatabaseOutageFilter implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        if (!request.getUriInfo().getPath().startsWith("client-config")) {
            DatabaseOutage.check();
        }
    }
}
