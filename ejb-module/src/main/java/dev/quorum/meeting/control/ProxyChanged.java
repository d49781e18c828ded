package dev.quorum.meeting.control;

import dev.quorum.audit.control.AuditedEvent;
import dev.quorum.meeting.control.Proxies.ProxyView;
import dev.quorum.platform.control.Origin;
import java.util.Map;

/** A delegator granted or revoked a proxy. */
public record ProxyChanged(Origin origin, ProxyView proxy, boolean granted) implements AuditedEvent {

    @Override
    public String action() {
        return granted ? "proxy.grant" : "proxy.revoke";
    }

    @Override
    public String target() {
        return "proxy:" + proxy.id();
    }

    @Override
    public Map<String, Object> detail() {
        return granted ? Map.of("holder", proxy.holder(), "directed", proxy.choice() != null) : Map.of();
    }
}
