package dev.quorum.audit.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuditCsvTest {

    @Test
    void quotesWhatNeedsQuotingAndDisarmsFormulas() {
        String csv = AuditCsv.write(List.of(new AuditRecords.Record(
                7,
                3,
                Instant.parse("2026-11-30T09:00:00Z"),
                "=HYPERLINK(\"x\")",
                "room.create",
                "room:1",
                "{\"name\":\"Board, main\"}",
                null,
                "",
                "ab")));
        assertEquals(
                "id,seq,occurred_at,actor,action,target,detail,source,prev_hash,hash\r\n"
                        + "7,3,2026-11-30T09:00:00Z,\"'=HYPERLINK(\"\"x\"\")\",room.create,room:1,"
                        + "\"{\"\"name\"\":\"\"Board, main\"\"}\",,,ab\r\n",
                csv);
    }
}
