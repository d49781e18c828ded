#!/usr/bin/env bash
# Installs Quorum's EAR on a Payara Server 6 (full profile) domain, with the same resources the Payara Micro
# distribution creates: the JDBC pool and resource, the ActiveMQ resource adapter and the JMS connection
# factory. All of them are ordinary domain resources, visible and tunable in the admin console.
#
# usage: install-on-payara-server.sh PAYARA_HOME DOMAIN QUORUM_EAR
# environment (see README): QUORUM_DB_URL, QUORUM_DB_USER (required), the database password in
#   QUORUM_DB_PASSWORD_FILE (a file holding it) or QUORUM_DB_PASSWORD, else asked for on the terminal;
#   QUORUM_BROKER_URL (empty: the broker embedded in the adapter), QUORUM_BROKER_PORT, QUORUM_BROKER_AMQP_PORT,
#   QUORUM_BROKER_USER and its password in QUORUM_BROKER_PASSWORD_FILE or QUORUM_BROKER_PASSWORD,
#   QUORUM_DATA_DIR;
#   QUORUM_MODE (production), MP_JWT_VERIFY_PUBLICKEY_LOCATION (required in production), MP_JWT_VERIFY_ISSUER;
#   ASADMIN_OPTIONS (e.g. "--port 4848 --user admin"), ASADMIN_PASSWORD_FILE (asadmin's password file, with
#   AS_ADMIN_PASSWORD=..., for a domain that has an admin password).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
payara=${1:?PAYARA_HOME}; domain=${2:?DOMAIN}; ear=${3:?QUORUM_EAR}
domain_dir="$payara/glassfish/domains/$domain"
asadmin_file=${ASADMIN_PASSWORD_FILE:+--passwordfile $ASADMIN_PASSWORD_FILE}
asadmin() { "$payara/bin/asadmin" ${ASADMIN_OPTIONS:-} $asadmin_file "$@"; }

# The database password: from a file, the environment, or the terminal; it goes into a password alias only.
if [ -n "${QUORUM_DB_PASSWORD_FILE:-}" ]; then
  QUORUM_DB_PASSWORD=$(head -n 1 "$QUORUM_DB_PASSWORD_FILE")
elif [ -z "${QUORUM_DB_PASSWORD+set}" ]; then
  if [ -t 0 ]; then
    read -r -s -p "Password of the database user ${QUORUM_DB_USER:-postgres}: " QUORUM_DB_PASSWORD; echo
  else
    echo "Set QUORUM_DB_PASSWORD_FILE (or QUORUM_DB_PASSWORD) to the database password." >&2; exit 2
  fi
fi

export QUORUM_DATA_DIR=${QUORUM_DATA_DIR:-$domain_dir/quorum-data}
mkdir -p "$QUORUM_DATA_DIR"

# The JDBC driver belongs to the domain (the pool is a server resource): copy it while the domain is down.
asadmin stop-domain "$domain" >/dev/null 2>&1 || true
cp "$here"/lib/postgresql-*.jar "$domain_dir/lib/"
asadmin start-domain "$domain"

# Undeploy an earlier Quorum first: the domain remembers deployments and resources.
asadmin undeploy quorum >/dev/null 2>&1 || true
asadmin delete-jdbc-resource jdbc/quorum >/dev/null 2>&1 || true
asadmin delete-jdbc-connection-pool quorum-pool >/dev/null 2>&1 || true
asadmin delete-connector-resource jms/quorum/ConnectionFactory >/dev/null 2>&1 || true
asadmin delete-connector-connection-pool quorum-jms-pool >/dev/null 2>&1 || true
asadmin undeploy activemq-rar >/dev/null 2>&1 || true
asadmin undeploy quorum-readiness-gate >/dev/null 2>&1 || true
asadmin delete-resource-adapter-config activemq-rar >/dev/null 2>&1 || true

# Passwords as the domain's password aliases: the pool says ${ALIAS=quorum-db-password} and the resource adapter
# ${ALIAS=quorum-broker-password}, so domain.xml and the admin console never hold the passwords themselves (the
# console lists the aliases under Password Aliases).
password_alias() { # name password
  local alias_file; alias_file=$(mktemp); chmod 600 "$alias_file"
  { [ -n "${ASADMIN_PASSWORD_FILE:-}" ] && cat "$ASADMIN_PASSWORD_FILE"; echo "AS_ADMIN_ALIASPASSWORD=$2"; } > "$alias_file"
  asadmin delete-password-alias "$1" >/dev/null 2>&1 || true
  "$payara/bin/asadmin" ${ASADMIN_OPTIONS:-} --passwordfile "$alias_file" create-password-alias "$1"
  rm -f "$alias_file"
}
password_alias quorum-db-password "${QUORUM_DB_PASSWORD:-unused}"
export QUORUM_DB_PASSWORD_ALIAS=quorum-db-password
if [ -n "${QUORUM_BROKER_PASSWORD_FILE:-}" ]; then
  QUORUM_BROKER_PASSWORD=$(head -n 1 "$QUORUM_BROKER_PASSWORD_FILE")
fi
export QUORUM_BROKER_PASSWORD=${QUORUM_BROKER_PASSWORD:-quorum}
password_alias quorum-broker-password "$QUORUM_BROKER_PASSWORD"
export QUORUM_BROKER_PASSWORD_ALIAS=quorum-broker-password

resources="$QUORUM_DATA_DIR/quorum-resources.asadmin"
pre_boot="$QUORUM_DATA_DIR/quorum-pre-boot.asadmin"
java -cp "$here/quorum-launcher.jar" dev.quorum.launcher.ServerResources "$here/activemq-rar.rar" "$resources" "$pre_boot"
asadmin multimode --file "$resources"

# Settings the HTTP listener reads at start-up (payara/pre-boot.asadmin in the launcher jar), then a restart.
asadmin multimode --file "$pre_boot"
# JSON-P's provider named, not searched for: without it every Json.create* call (Payara's MP-JWT parses each
# token that way) scans every jar of the application for a provider (the same option the launcher passes).
jvm_options=$(asadmin list-jvm-options)
case "$jvm_options" in
  *-Djakarta.json.provider=*) ;;
  *) asadmin create-jvm-options '-Djakarta.json.provider=org.eclipse.parsson.JsonProviderImpl' ;;
esac
# Payara's monitoring of the pools Quorum uses (console: Monitoring Data; REST: /monitoring/domain/server/resources).
asadmin set configs.config.server-config.monitoring-service.module-monitoring-levels.jdbc-connection-pool=HIGH
asadmin set configs.config.server-config.monitoring-service.module-monitoring-levels.connector-connection-pool=HIGH
asadmin set configs.config.server-config.monitoring-service.module-monitoring-levels.thread-pool=HIGH
asadmin restart-domain "$domain"

# Quorum's own settings as domain-level MicroProfile Config properties (console: Configurations > MicroProfile).
# Those that change at run time (limits, retention, ticket lifetime, queue capacity, grace periods; README) are
# read again within seconds: Payara's MicroProfile Config cache keeps a value 5 s instead of its default 60.
asadmin set-config-cache --duration=5
set_config() { asadmin set-config-property --source domain --propertyName "$1" --propertyValue "$2"; }
set_config quorum.mode "${QUORUM_MODE:-production}"
if [ -n "${MP_JWT_VERIFY_PUBLICKEY_LOCATION:-}" ]; then
  set_config mp.jwt.verify.publickey.location "$MP_JWT_VERIFY_PUBLICKEY_LOCATION"
fi
if [ -n "${MP_JWT_VERIFY_ISSUER:-}" ]; then
  set_config mp.jwt.verify.issuer "$MP_JWT_VERIFY_ISSUER"
fi
if [ -n "${QUORUM_AUDIT_CHAIN_KEY:-}" ]; then
  set_config quorum.audit.chain-key "$QUORUM_AUDIT_CHAIN_KEY"
fi
if [ -n "${QUORUM_SESSION_SIGNING_KEY:-}" ]; then
  set_config quorum.session.signing-key "$QUORUM_SESSION_SIGNING_KEY"
fi
if [ -n "${QUORUM_OIDC_CLIENT_SECRET:-}" ]; then
  set_config quorum.oidc.client-secret "$QUORUM_OIDC_CLIENT_SECRET"
fi
if [ -n "${QUORUM_ENCRYPTION_MASTER_KEY:-}" ]; then
  set_config quorum.encryption.master-key "$QUORUM_ENCRYPTION_MASTER_KEY"
fi
if [ -n "${QUORUM_DEV_SIGNING_KEY_LOCATION:-}" ]; then
  set_config quorum.dev.signing-key.location "$QUORUM_DEV_SIGNING_KEY_LOCATION"
fi

# Every other setting with its default (quorum-settings.tsv, the README's table), so administrators find them
# all in the console; a setting the domain already has keeps its value when the script runs again.
defaults="$QUORUM_DATA_DIR/quorum-settings.asadmin"
: > "$defaults"
while IFS=$'\t' read -r name default applies shown description; do
  case "$name" in ''|'#'*|mp.jwt.*|quorum.mode) continue ;; esac
  [ -n "$default" ] && [ "$shown" = plain ] || continue
  grep -q "name=\"payara.microprofile.$name\"" "$domain_dir/config/domain.xml" && continue
  # quoted: some defaults hold spaces (asadmin's command files split words as a shell does)
  echo "set-config-property --source domain --propertyName $name --propertyValue \"$default\"" >> "$defaults"
done < "$here/quorum-settings.tsv"
[ -s "$defaults" ] && asadmin multimode --file "$defaults"

asadmin deploy --name quorum "$ear"
echo "Quorum deployed on domain $domain."
