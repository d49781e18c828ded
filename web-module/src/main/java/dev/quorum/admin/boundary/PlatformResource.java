package dev.quorum.admin.boundary;

import dev.quorum.delivery.control.ConnectionRegistry;
import dev.quorum.delivery.control.LiveConnection;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The platform-wide view, for the `platform_admin` role only (an organization's `admin` sees only their
 * own organization): figures per organization on this node, no content of any organization.
 */
@Path("platform")
@RequestScoped
@RolesAllowed("platform_admin")
@Produces(MediaType.APPLICATION_JSON)
public class PlatformResource {

    @Inject
    ConnectionRegistry registry;

    public record OrganizationFigures(String organization, long connections, int queuedFrames) {}

    @GET
    @Path("stats")
    public List<OrganizationFigures> statistics() {
        Map<String, List<LiveConnection>> byOrganization = registry.all().stream()
                .collect(Collectors.groupingBy(c -> c.identity().organization(), TreeMap::new, Collectors.toList()));
        return byOrganization.entrySet().stream()
                .map(e -> new OrganizationFigures(
                        e.getKey(),
                        e.getValue().size(),
                        e.getValue().stream()
                                .mapToInt(LiveConnection::queueDepth)
                                .sum()))
                .toList();
    }
}
