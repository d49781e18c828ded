package dev.quorum.audit.boundary;

import dev.quorum.audit.control.AuditCsv;
import dev.quorum.audit.control.AuditRecords;
import dev.quorum.identity.control.MemberDirectory;
import dev.quorum.identity.control.MemberIdentity;
import dev.quorum.platform.control.QuorumError;
import dev.quorum.platform.control.QuorumException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The organization's audit trail for its admins and compliance officers: verify the chain, export entries
 * by time range as JSON or CSV.
 */
@Path("audit")
@RequestScoped
@RolesAllowed({"admin", "compliance_officer"})
public class AuditResource {

    private static final int MAX_EXPORT = 100_000;

    @Inject
    JsonWebToken token;

    @Inject
    MemberDirectory directory;

    @Inject
    AuditRecords records;

    /** Walks the whole chain; answers how many links held and the first broken one, if any. */
    @GET
    @Path("verify")
    @Produces(MediaType.APPLICATION_JSON)
    public AuditRecords.Verification verify() {
        return records.verify(actor().organizationId());
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, "text/csv"})
    public Response export(
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("format") @DefaultValue("json") String format,
            @QueryParam("limit") @DefaultValue("10000") int limit) {
        if (!format.equals("json") && !format.equals("csv")) {
            throw new QuorumException(QuorumError.INVALID_REQUEST, "'format' is json or csv.");
        }
        Instant start = instant("from", from, Instant.EPOCH);
        Instant end = instant("to", to, Instant.now().plusSeconds(1));
        List<AuditRecords.Record> found =
                records.export(actor().organizationId(), start, end, Math.max(1, Math.min(limit, MAX_EXPORT)));
        if (format.equals("csv")) {
            return Response.ok(AuditCsv.write(found), "text/csv; charset=utf-8")
                    .header("Content-Disposition", "attachment; filename=\"audit.csv\"")
                    .build();
        }
        return Response.ok(found, MediaType.APPLICATION_JSON).build();
    }

    private static Instant instant(String name, String value, Instant absent) {
        if (value == null || value.isBlank()) {
            return absent;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new QuorumException(
                    QuorumError.INVALID_REQUEST, "'" + name + "' is an ISO-8601 instant, e.g. 2026-11-30T09:00:00Z.");
        }
    }

    private MemberIdentity actor() {
        return directory.resolve(token);
    }
}
