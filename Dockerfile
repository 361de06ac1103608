# syntax=docker/dockerfile:1
# One image for every Switchboard part: docker run <image> gateway | processor | dev (see docker-compose.yml).

# Build stage: the whole multi-module project, tests skipped (CI runs them).
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.m2 mvn -B -DskipTests install

# Runtime stage: a JRE, the launcher jar and its runtime classpath.
FROM eclipse-temurin:17-jre
RUN useradd --system --home-dir /opt/switchboard --shell /usr/sbin/nologin switchboard \
    && mkdir -p /var/lib/switchboard \
    && chown switchboard /var/lib/switchboard
WORKDIR /opt/switchboard
COPY --from=build /src/launcher/target/switchboard-launcher.jar ./
COPY --from=build /src/launcher/target/lib/ ./lib/
USER switchboard
# The processor's local state (Kafka Streams stores); mount a volume here to keep it across restarts.
ENV SWITCHBOARD_PROCESSOR_STATE_DIR=/var/lib/switchboard/streams
# 8080: a gateway's WebSocket, /metrics and /health/*; 8081: the processor's /metrics and /health/*.
EXPOSE 8080 8081
# Exec form: the JVM is PID 1 and receives SIGTERM, so the parts close gracefully on `docker stop`.
# JVM options go in JAVA_TOOL_OPTIONS, which the JVM reads by itself.
ENTRYPOINT ["java", "-cp", "switchboard-launcher.jar:lib/*", "io.switchboard.launcher.Main"]
CMD ["--help"]
