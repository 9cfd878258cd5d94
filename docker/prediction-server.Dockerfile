# The local prediction server (a plaintext stand-in for a Vertex AI endpoint), as run-local runs it: our
# nifi-dataflow-local jar and its runtime dependencies, main class LocalPredictionServerMain. Build from the
# repository root after ./mvnw -DskipTests -pl nifi-dataflow-local -am package, which fills target/launcher-lib:
#   docker build -f docker/prediction-server.Dockerfile -t nifi-dataflow/prediction-server .
FROM eclipse-temurin:21-jre
COPY nifi-dataflow-local/target/launcher-lib/ /opt/prediction-server/lib/
COPY nifi-dataflow-local/target/nifi-dataflow-local-0.1.0-SNAPSHOT.jar /opt/prediction-server/lib/
USER 1000:1000
# It listens on 127.0.0.1 only, by design: compose.yaml runs it in NiFi's network namespace, where NiFi reaches it
# at 127.0.0.1:8500, the Prediction Endpoint of recommendations-local.
ENTRYPOINT ["java", "-Xmx128m", "-cp", "/opt/prediction-server/lib/*", "io.nifidataflow.local.predictor.LocalPredictionServerMain"]
CMD ["--port", "8500", "--seed", "42", "--products", "500", "--categories", "20"]
