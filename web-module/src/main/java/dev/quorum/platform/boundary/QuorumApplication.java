package dev.quorum.platform.boundary;

import jakarta.annotation.security.DeclareRoles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.auth.LoginConfig;

/**
 * The REST API under /api. MicroProfile JWT authenticates every request that carries a bearer token;
 * the class must be a CDI bean or Payara ignores {@code @LoginConfig}.
 */
@ApplicationPath("api")
@ApplicationScoped
@LoginConfig(authMethod = "MP-JWT")
@DeclareRoles({"member", "secretary", "chair", "compliance_officer", "admin", "platform_admin", "scim_provisioner"})
public class QuorumApplication extends Application {}
