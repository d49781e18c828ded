package dev.quorum.room.entity;

import jakarta.persistence.Converter;

@Converter
public class AccessRuleConverter extends LowerCaseEnumConverter<AccessRule> {
    public AccessRuleConverter() {
        super(AccessRule.class);
    }
}
