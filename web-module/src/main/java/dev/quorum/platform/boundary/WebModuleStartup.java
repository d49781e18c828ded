package dev.quorum.platform.boundary;

import dev.quorum.connection.control.ConnectionMetrics;
import dev.quorum.connection.control.WebSocketTimers;
import dev.quorum.delivery.control.RoomFanout;
import dev.quorum.delivery.control.RoomWatermarks;
import dev.quorum.delivery.control.RoutingMetrics;
import dev.quorum.platform.control.ContainerLogLevels;
import dev.quorum.platform.control.DatabaseFailureLogFilter;
import dev.quorum.platform.control.DatabaseProbe;
import dev.quorum.platform.control.LogRecordMetrics;
import dev.quorum.presence.control.PresenceTracker;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import jakarta.websocket.server.ServerContainer;
import java.util.List;
import java.util.logging.Logger;

/**
 * Connects the web module to the services' deliveries (the bridge that CDI events cannot cross in an
 * EAR). Readiness turns UP later, when {@link StartupCompletion} starts after every servlet.
 */
@WebListener
public class WebModuleStartup implements ServletContextListener {

    @Inject
    RoomFanout fanout;

    @Inject
    PresenceTracker presence;

    @Inject
    RoomWatermarks watermarks;

    @Inject
    LogRecordMetrics logRecords;

    @Inject
    DatabaseProbe databaseProbe;

    @Inject
    ConnectionMetrics connectionMetrics;

    @Inject
    RoutingMetrics routingMetrics;

    private WebSocketTimers webSocketTimers;

    private List<Logger> filteredLoggers = List.of();

    @Override
    public void contextInitialized(ServletContextEvent event) {
        webSocketTimers =
                WebSocketTimers.install(event.getServletContext().getAttribute(ServerContainer.class.getName()));
        logRecords.install();
        connectionMetrics.registerAtStart();
        routingMetrics.registerAtStart();
        ContainerLogLevels.apply();
        filteredLoggers = DatabaseFailureLogFilter.install();
        fanout.onDeparture(presence::left);
        fanout.connect();
        watermarks.start();
        databaseProbe.start();
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        logRecords.uninstall();
        DatabaseFailureLogFilter.uninstall(filteredLoggers);
        if (webSocketTimers != null) {
            webSocketTimers.shutdown();
        }
    }
}
