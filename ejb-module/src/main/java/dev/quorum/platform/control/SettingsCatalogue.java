package dev.quorum.platform.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * Every setting Quorum reads, from {@code settings/quorum-settings.tsv}: its default, whether a change applies
 * while Quorum runs or needs a restart, and what it does. The install script writes the defaults from the
 * same file; the platform page shows what is in force.
 */
@ApplicationScoped
public class SettingsCatalogue {

    static final String FILE = "/settings/quorum-settings.tsv";

    public record Setting(
            String name, String defaultValue, boolean appliesAtRuntime, boolean secret, String description) {}

    /** A setting as the platform page shows it: a secret's value is never shown, only whether it is set. */
    public record SettingView(String name, String value, String defaultValue, String applies, String description) {}

    @Inject
    Config config;

    private final List<Setting> settings = read();

    public List<Setting> settings() {
        return settings;
    }

    public List<SettingView> inForce() {
        return settings.stream()
                .map(setting -> {
                    Optional<String> value = config.getOptionalValue(setting.name(), String.class);
                    String shown = setting.secret()
                            ? value.isPresent() ? "(set)" : "(not set)"
                            : value.orElse(setting.defaultValue().isEmpty() ? "(not set)" : setting.defaultValue());
                    return new SettingView(
                            setting.name(),
                            shown,
                            setting.defaultValue(),
                            setting.appliesAtRuntime() ? "at once" : "restart required",
                            setting.description());
                })
                .toList();
    }

    static List<Setting> read() {
        try (InputStream in = SettingsCatalogue.class.getResourceAsStream(FILE)) {
            if (in == null) {
                throw new IllegalStateException(FILE + " is missing");
            }
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))
                    .lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .map(SettingsCatalogue::parse)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Setting parse(String line) {
        String[] columns = line.split("\t", -1);
        if (columns.length != 5) {
            throw new IllegalStateException("a settings line needs 5 tab-separated columns: " + line);
        }
        return new Setting(
                columns[0], columns[1], "runtime".equals(columns[2]), "secret".equals(columns[3]), columns[4]);
    }
}
