#!/bin/sh
# The main command: builds the NAR and the local NiFi (Apache NiFi from Maven Central, nothing to
# install), then starts NiFi with the clickstream demo flow running and prints its status until Ctrl-C.
# Options go to the launcher; ./run-local.sh --help lists them.
set -eu
cd -P -- "$(dirname -- "$0")"
. ./.mvn/jdk.sh

echo "Building the NAR and the local NiFi (./mvnw -q -DskipTests -pl nifi-dataflow-local -am package)..."
./mvnw -q -DskipTests -pl nifi-dataflow-local -am package

exec "$JAVA_HOME/bin/java" -Xmx256m \
  -cp "nifi-dataflow-local/target/classes:nifi-dataflow-local/target/launcher-lib/*" \
  io.nifidataflow.local.cli.RunLocal "$@"
