package dev.quorum.platform.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Development or production. Production is the default so that a deployment nobody configured never
 * loads seed data or mints tokens; the development launcher and the tests switch to development.
 */
@ApplicationScoped
public class RuntimeMode {

    @Inject
    @ConfigProperty(name = "quorum.mode", defaultValue = "production")
    String mode;

    public boolean isDevelopment() {
        return "development".equalsIgnoreCase(mode.trim());
    }

    public String name() {
        return isDevelopment() ? "development" : "production";
    }
}
