package dev.quorum.platform.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SettingsCatalogueTest {

    /** The README's table of the application's settings is the reference; the catalogue must list the same. */
    @Test
    void theCatalogueListsExactlyTheSettingsOfTheReadme() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        String table = readme.substring(
                readme.indexOf("### The application (both runtimes, MicroProfile Config)"),
                readme.indexOf("**Changing settings while Quorum runs.**"));
        Matcher rows = Pattern.compile("^\\| `([^`]+)`", Pattern.MULTILINE).matcher(table);
        Set<String> documented = new LinkedHashSet<>();
        while (rows.find()) {
            documented.add(rows.group(1));
        }
        List<SettingsCatalogue.Setting> settings = SettingsCatalogue.read();
        assertEquals(
                documented,
                settings.stream()
                        .map(SettingsCatalogue.Setting::name)
                        .collect(Collectors.toCollection(LinkedHashSet::new)));
        assertTrue(settings.stream().allMatch(setting -> !setting.description().isBlank()));
    }

    @Test
    void whatChangesAtRunTimeIsWhatTheReadmeSays() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        String paragraph = readme.substring(
                readme.indexOf("**Changing settings while Quorum runs.**"), readme.indexOf("A new limit starts"));
        for (SettingsCatalogue.Setting setting : SettingsCatalogue.read()) {
            boolean named = paragraph.contains("`" + setting.name() + "`")
                    || (setting.name().startsWith("quorum.limits.") && paragraph.contains("`quorum.limits.*`"));
            assertEquals(named, setting.appliesAtRuntime(), setting.name());
        }
    }
}
