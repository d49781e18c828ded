package dev.quorum.it;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The README's metrics table, held against what /metrics shows and what the Grafana dashboard reads. */
final class MetricsCatalogue {

    private static final Pattern ROW =
            Pattern.compile("^\\| `(quorum_[a-z_]+)` \\| (gauge|counter|timer) \\|", Pattern.MULTILINE);
    private static final Pattern FAMILY = Pattern.compile("^# TYPE (quorum_[a-z_]+) ", Pattern.MULTILINE);
    private static final Pattern USED = Pattern.compile("quorum_[a-z_]+");

    private MetricsCatalogue() {}

    /** The metric names the README documents (the repository's root is the module's parent). */
    static Set<String> documented() throws IOException {
        Matcher rows = ROW.matcher(Files.readString(Path.of("..", "README.md")));
        Set<String> names = new TreeSet<>();
        while (rows.find()) {
            names.add(rows.group(1));
        }
        assertTrue(names.size() >= 15, "the README's metrics table: " + names);
        return names;
    }

    /** Every documented metric has a sample and a HELP text; every quorum metric scraped is documented. */
    static void assertDescribed(String scrape) throws IOException {
        Set<String> documented = documented();
        for (String name : documented) {
            Matcher help = Pattern.compile("^# HELP " + name + " (.*)$", Pattern.MULTILINE)
                    .matcher(scrape);
            assertTrue(help.find(), () -> name + " has no HELP line in\n" + scrape);
            assertFalse(help.group(1).isBlank(), name + "'s HELP text is empty");
            assertTrue(
                    Pattern.compile("^" + name + "[{ ]", Pattern.MULTILINE)
                            .matcher(scrape)
                            .find(),
                    () -> name + " has no sample");
        }
        Matcher families = FAMILY.matcher(scrape);
        while (families.find()) {
            String family = families.group(1);
            assertTrue(
                    documented.stream().anyMatch(family::startsWith),
                    () -> family + " is scraped but not in the README's metrics table");
        }
    }

    /** Every metric a dashboard query reads is one Quorum documents (its summary's _sum and _count included). */
    static void assertDashboardReadsDocumentedMetrics(Path dashboard) throws IOException {
        Set<String> documented = documented();
        Matcher used = USED.matcher(Files.readString(dashboard));
        List<String> suffixes = List.of("", "_sum", "_count");
        int found = 0;
        while (used.find()) {
            String name = used.group();
            found++;
            assertTrue(
                    suffixes.stream()
                            .anyMatch(suffix -> name.endsWith(suffix)
                                    && documented.contains(name.substring(0, name.length() - suffix.length()))),
                    () -> "the dashboard reads " + name + ", which Quorum does not have");
        }
        assertTrue(found >= 10, "the dashboard's queries");
    }
}
