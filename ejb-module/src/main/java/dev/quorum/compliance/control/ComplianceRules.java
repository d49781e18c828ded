package dev.quorum.compliance.control;

import static dev.quorum.platform.control.JsonText.JSON;

import dev.quorum.identity.control.MemberIdentity;
import dev.quorum.platform.control.AfterCommit;
import dev.quorum.platform.control.DatabaseGuarded;
import dev.quorum.platform.control.Origin;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.io.StringReader;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An organization's compliance rules: its own version of a category where it changed one, Quorum's default
 * otherwise. Every change is a new version (the earlier ones kept) and is audited.
 */
@Stateless
@DatabaseGuarded
public class ComplianceRules {

    /** A new version of a rule, as a compliance officer sends it; null fields keep their value. */
    public record Change(
            Boolean enabled,
            String severity,
            String action,
            String region,
            List<LocalDate> releaseDates,
            Integer blackoutDays,
            List<RuleParameters.Barrier> barriers) {}

    @PersistenceContext(unitName = "quorum")
    EntityManager em;

    @Inject
    RuleCache cache;

    @Resource
    TransactionSynchronizationRegistry transactions;

    @Inject
    Event<ComplianceAction> actions;

    /** Every category's rule for the organization, in the order of {@link Category}. */
    @SuppressWarnings("unchecked")
    public List<Rule> rules(long organizationId) {
        Map<Category, Rule> rules = new EnumMap<>(Category.class);
        Rule.DEFAULTS.forEach(rule -> rules.put(rule.category(), rule));
        List<Object[]> rows = em.createNativeQuery("SELECT category, enabled, severity, action, parameters::text, "
                        + "version FROM compliance_rule WHERE organization_id = ?1")
                .setParameter(1, organizationId)
                .getResultList();
        for (Object[] row : rows) {
            Rule rule = rule(row);
            rules.put(rule.category(), rule);
        }
        return new ArrayList<>(rules.values());
    }

    /** Every version of one category's rule, oldest first (version 0, the default, is not stored). */
    @SuppressWarnings("unchecked")
    public List<Rule> history(long organizationId, Category category) {
        List<Object[]> rows = em.createNativeQuery("SELECT category, enabled, severity, action, parameters::text, "
                        + "version FROM compliance_rule_version WHERE organization_id = ?1 AND category = ?2 "
                        + "ORDER BY version")
                .setParameter(1, organizationId)
                .setParameter(2, category.wireName())
                .getResultList();
        return rows.stream().map(ComplianceRules::rule).toList();
    }

    public Rule change(MemberIdentity officer, Category category, Change change, String source) {
        Rule current = rules(officer.organizationId()).stream()
                .filter(r -> r.category() == category)
                .findFirst()
                .orElseThrow();
        RuleParameters was = current.parameters();
        Rule next = new Rule(
                category,
                change.enabled() == null ? current.enabled() : change.enabled(),
                change.severity() == null ? current.severity() : Severity.fromWire(change.severity()),
                change.action() == null ? current.action() : RuleAction.fromWire(change.action()),
                new RuleParameters(
                        change.region() == null ? was.region() : change.region(),
                        change.releaseDates() == null ? was.releaseDates() : change.releaseDates(),
                        change.blackoutDays() == null ? was.blackoutDays() : change.blackoutDays(),
                        change.barriers() == null ? was.barriers() : change.barriers()),
                current.version() + 1);
        JsonObject parametersJson = json(next.parameters());
        String parameters = parametersJson.toString();
        em.createNativeQuery("INSERT INTO compliance_rule (organization_id, category, enabled, severity, action, "
                        + "parameters, version, updated_by) VALUES (?1, ?2, ?3, ?4, ?5, CAST(?6 AS JSONB), ?7, ?8) "
                        + "ON CONFLICT (organization_id, category) DO UPDATE SET enabled = EXCLUDED.enabled, "
                        + "severity = EXCLUDED.severity, action = EXCLUDED.action, parameters = EXCLUDED.parameters, "
                        + "version = EXCLUDED.version, updated_by = EXCLUDED.updated_by, updated_at = now()")
                .setParameter(1, officer.organizationId())
                .setParameter(2, category.wireName())
                .setParameter(3, next.enabled())
                .setParameter(4, next.severity().wireName())
                .setParameter(5, next.action().wireName())
                .setParameter(6, parameters)
                .setParameter(7, next.version())
                .setParameter(8, officer.memberId())
                .executeUpdate();
        // the primary key makes two officers' simultaneous changes of one version collide, not both count
        em.createNativeQuery("INSERT INTO compliance_rule_version (organization_id, category, version, enabled, "
                        + "severity, action, parameters, changed_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
                        + "CAST(?7 AS JSONB), ?8)")
                .setParameter(1, officer.organizationId())
                .setParameter(2, category.wireName())
                .setParameter(3, next.version())
                .setParameter(4, next.enabled())
                .setParameter(5, next.severity().wireName())
                .setParameter(6, next.action().wireName())
                .setParameter(7, parameters)
                .setParameter(8, officer.memberId())
                .executeUpdate();
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("version", next.version());
        detail.put("enabled", next.enabled());
        detail.put("severity", next.severity().wireName());
        detail.put("action", next.action().wireName());
        if (!parametersJson.isEmpty()) {
            detail.put("parameters", parametersJson);
        }
        actions.fire(new ComplianceAction(
                Origin.of(officer, source), "compliance.rule.change", "rule:" + category.wireName(), detail));
        // after the commit: a message screened while this change commits would otherwise read the rules as
        // they were and keep them for the cache's five seconds
        long organization = officer.organizationId();
        AfterCommit.run(transactions, () -> cache.forget(organization));
        return next;
    }

    private static Rule rule(Object[] row) {
        JsonObject parameters =
                JSON.createReader(new StringReader((String) row[4])).readObject();
        return new Rule(
                Category.fromWire((String) row[0]),
                (Boolean) row[1],
                Severity.fromWire((String) row[2]),
                RuleAction.fromWire((String) row[3]),
                parameters(parameters),
                ((Number) row[5]).intValue());
    }

    /** The parameters as stored: only what is set, so a rule without any stores {}. */
    public static JsonObject json(RuleParameters parameters) {
        JsonObjectBuilder json = JSON.createObjectBuilder();
        if (parameters.region() != null) {
            json.add("region", parameters.region());
        }
        if (!parameters.releaseDates().isEmpty()) {
            JsonArrayBuilder dates = JSON.createArrayBuilder();
            parameters.releaseDates().forEach(date -> dates.add(date.toString()));
            json.add("releaseDates", dates);
        }
        if (parameters.blackoutDays() != RuleParameters.DEFAULT_BLACKOUT_DAYS) {
            json.add("blackoutDays", parameters.blackoutDays());
        }
        if (!parameters.barriers().isEmpty()) {
            JsonArrayBuilder barriers = JSON.createArrayBuilder();
            parameters
                    .barriers()
                    .forEach(barrier -> barriers.add(JSON.createObjectBuilder()
                            .add(
                                    "divisions",
                                    JSON.createArrayBuilder()
                                            .add(barrier.first())
                                            .add(barrier.second()))));
            json.add("barriers", barriers);
        }
        return json.build();
    }

    private static RuleParameters parameters(JsonObject json) {
        List<LocalDate> dates = json.containsKey("releaseDates")
                ? json.getJsonArray("releaseDates").getValuesAs(JsonString::getString).stream()
                        .map(LocalDate::parse)
                        .toList()
                : List.of();
        List<RuleParameters.Barrier> barriers = json.containsKey("barriers")
                ? json.getJsonArray("barriers").getValuesAs(JsonObject.class).stream()
                        .map(b -> b.getJsonArray("divisions"))
                        .map(d -> new RuleParameters.Barrier(d.getString(0), d.getString(1)))
                        .toList()
                : List.of();
        return new RuleParameters(
                json.getString("region", null),
                dates,
                json.getInt("blackoutDays", RuleParameters.DEFAULT_BLACKOUT_DAYS),
                barriers);
    }
}
