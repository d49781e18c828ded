package dev.quorum.compliance.boundary;

import dev.quorum.compliance.control.ComplianceCommand;
import dev.quorum.compliance.control.ComplianceFindings;
import dev.quorum.compliance.control.ComplianceRules;
import dev.quorum.compliance.control.MemberDataExport;
import dev.quorum.compliance.control.MemberErasure;
import dev.quorum.compliance.control.RiskScores;
import dev.quorum.compliance.control.Rule;
import dev.quorum.compliance.control.Screening;
import dev.quorum.compliance.control.ScreeningContexts;
import dev.quorum.identity.control.MemberDirectory;
import dev.quorum.identity.control.MemberIdentity;
import dev.quorum.platform.control.Fields;
import dev.quorum.platform.control.QuorumError;
import dev.quorum.platform.control.QuorumException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Compliance officers' API: the organization's rules (read, change, every version), a dry run that shows
 * what the rules would find in a text without storing anything, and the findings to acknowledge and resolve.
 */
@Path("compliance")
@RequestScoped
@RolesAllowed({"compliance_officer", "admin"})
@Produces(MediaType.APPLICATION_JSON)
public class ComplianceResource {

    /** One finding of a dry run: start and end in code points of the text. */
    public record ScanFinding(String category, int ruleVersion, String severity, String action, int start, int end) {}

    public record ScanResult(List<ScanFinding> findings, String maskedText, String blockedBy) {}

    public record RuleView(
            String category, boolean enabled, String severity, String action, JsonObject parameters, int version) {
        static RuleView of(Rule rule) {
            return new RuleView(
                    rule.category().wireName(),
                    rule.enabled(),
                    rule.severity().wireName(),
                    rule.action().wireName(),
                    ComplianceRules.json(rule.parameters()),
                    rule.version());
        }
    }

    @Inject
    JsonWebToken token;

    @Inject
    MemberDirectory directory;

    @Inject
    ComplianceRules rules;

    @Inject
    ScreeningContexts contexts;

    @Inject
    ComplianceFindings findings;

    @Inject
    MemberDataExport exports;

    @Inject
    MemberErasure erasures;

    @Inject
    RiskScores risks;

    @Context
    HttpServletRequest request;

    @POST
    @Path("scan")
    @Consumes(MediaType.APPLICATION_JSON)
    public ScanResult scan(JsonObject body) {
        Fields fields = Fields.of(body);
        String text = ComplianceCommand.scanText(fields);
        MemberIdentity officer = actor();
        Long room = fields.optionalId("room");
        if (room != null && !contexts.roomOf(officer.organizationId(), room)) {
            throw new QuorumException(QuorumError.ROOM_NOT_FOUND);
        }
        // in a room's context the officer is the author: a barrier is checked for them
        Screening screening = Screening.of(
                text,
                rules.rules(officer.organizationId()),
                contexts.of(officer.organizationId(), room, officer.memberId()));
        return new ScanResult(
                screening.findings().stream()
                        .map(f -> new ScanFinding(
                                f.rule().category().wireName(),
                                f.rule().version(),
                                f.rule().severity().wireName(),
                                f.rule().action().wireName(),
                                f.start(),
                                f.end()))
                        .toList(),
                screening.maskedText(),
                screening.blockedBy() == null
                        ? null
                        : screening.blockedBy().rule().category().wireName());
    }

    @GET
    @Path("rules")
    public List<RuleView> rules() {
        return rules.rules(actor().organizationId()).stream().map(RuleView::of).toList();
    }

    @PUT
    @Path("rules/{category}")
    @Consumes(MediaType.APPLICATION_JSON)
    public RuleView change(@PathParam("category") String category, JsonObject body) {
        return RuleView.of(rules.change(
                actor(),
                ComplianceCommand.category(category),
                ComplianceCommand.ruleChange(ComplianceCommand.category(category), Fields.of(body)),
                request.getRemoteAddr()));
    }

    @GET
    @Path("rules/{category}/versions")
    public List<RuleView> versions(@PathParam("category") String category) {
        return rules.history(actor().organizationId(), ComplianceCommand.category(category)).stream()
                .map(RuleView::of)
                .toList();
    }

    @GET
    @Path("findings")
    public List<ComplianceFindings.FindingView> findings(
            @QueryParam("status") String status, @QueryParam("limit") @DefaultValue("100") int limit) {
        String wanted = status == null ? null : Fields.parameter("status", status, 20);
        return findings.list(actor(), wanted, Math.max(1, Math.min(limit, 1000)));
    }

    @POST
    @Path("findings/{id}/acknowledge")
    public Response acknowledge(@PathParam("id") long id) {
        findings.settle(actor(), id, false, request.getRemoteAddr());
        return Response.noContent().build();
    }

    @POST
    @Path("findings/{id}/resolve")
    public Response resolve(@PathParam("id") long id) {
        findings.settle(actor(), id, true, request.getRemoteAddr());
        return Response.noContent().build();
    }

    /** GDPR right of access on a member's behalf: everything Quorum keeps about them (audited). */
    @GET
    @Path("members/{member}/data")
    public JsonObject memberData(@PathParam("member") String member) {
        return exports.export(actor(), Fields.parameter("member", member, 200), request.getRemoteAddr());
    }

    /** The organization's risk score and level, then its meetings' (those with findings), highest first. */
    @GET
    @Path("risk")
    public List<RiskScores.Risk> risk() {
        return risks.current(actor().organizationId());
    }

    /**
     * GDPR erasure: the member becomes a pseudonym in all history (vote counts, minutes and the audit chain
     * kept), is deactivated and disconnected. {@code {"confirm": "<member>"}} guards against a slip.
     */
    @POST
    @Path("members/{member}/erasure")
    @Consumes(MediaType.APPLICATION_JSON)
    public MemberErasure.Erased erase(@PathParam("member") String member, JsonObject body) {
        return erasures.erase(
                actor(),
                Fields.parameter("member", member, 200),
                Fields.of(body).text("confirm", 200),
                request.getRemoteAddr());
    }

    private MemberIdentity actor() {
        return directory.resolve(token);
    }
}
