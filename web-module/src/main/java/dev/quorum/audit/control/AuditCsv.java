package dev.quorum.audit.control;

import java.util.List;

/**
 * Audit entries as CSV (RFC 4180) for auditors' spreadsheets. A cell that a spreadsheet would run as a
 * formula (it begins with =, +, -, @, a tab or a carriage return) is prefixed with an apostrophe.
 */
public final class AuditCsv {

    private static final String HEADER = "id,seq,occurred_at,actor,action,target,detail,source,prev_hash,hash\r\n";

    private AuditCsv() {}

    public static String write(List<AuditRecords.Record> records) {
        StringBuilder csv = new StringBuilder(HEADER);
        for (AuditRecords.Record r : records) {
            csv.append(r.id())
                    .append(',')
                    .append(r.seq())
                    .append(',')
                    .append(r.occurredAt())
                    .append(',');
            cell(csv, r.actor()).append(',');
            cell(csv, r.action()).append(',');
            cell(csv, r.target()).append(',');
            cell(csv, r.detail()).append(',');
            cell(csv, r.source()).append(',');
            cell(csv, r.prevHash()).append(',');
            cell(csv, r.hash()).append("\r\n");
        }
        return csv.toString();
    }

    static StringBuilder cell(StringBuilder csv, String value) {
        if (value == null || value.isEmpty()) {
            return csv;
        }
        String safe = "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        if (safe.chars().anyMatch(c -> c == ',' || c == '"' || c == '\n' || c == '\r')) {
            return csv.append('"').append(safe.replace("\"", "\"\"")).append('"');
        }
        return csv.append(safe);
    }
}
