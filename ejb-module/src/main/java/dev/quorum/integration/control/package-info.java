/**
 * Integrations: an organization's other systems talking to Quorum over JMS (OpenWire or AMQP 1.0), each with
 * broker credentials of its own, checked by Quorum's broker plugin and scoped to its organization: inbound
 * transcript segments and notifications, outbound domain events on the organization's topic.
 */
package dev.quorum.integration.control;
