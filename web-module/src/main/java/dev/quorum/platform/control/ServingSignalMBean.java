package dev.quorum.platform.control;

/** What the readiness gate (a WAR of its own, see readiness-gate) reads over JMX. */
public interface ServingSignalMBean {

    boolean isServing();
}
