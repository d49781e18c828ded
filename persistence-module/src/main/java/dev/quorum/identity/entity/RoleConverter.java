package dev.quorum.identity.entity;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Stores a role by its claim name, the same word tokens and the wire protocol use. */
@Converter
public class RoleConverter implements AttributeConverter<Role, String> {

    @Override
    public String convertToDatabaseColumn(Role role) {
        return role == null ? null : role.claim();
    }

    @Override
    public Role convertToEntityAttribute(String claim) {
        return claim == null
                ? null
                : Role.fromClaim(claim).orElseThrow(() -> new IllegalStateException("unknown role " + claim));
    }
}
