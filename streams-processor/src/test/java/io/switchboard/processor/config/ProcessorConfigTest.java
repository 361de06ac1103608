package io.switchboard.processor.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.config.ConfigException;
import io.switchboard.config.Settings;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class ProcessorConfigTest {

    @Test
    void defaultsMatchTheDesign() {
        ProcessorConfig config = ProcessorConfig.from(settings(Map.of()));

        assertThat(config.bootstrapServers()).isEqualTo("localhost:9092");
        assertThat(config.applicationId()).isEqualTo("switchboard-processor");
        assertThat(config.topics().events()).isEqualTo("switchboard.events");
        assertThat(config.processingGuarantee()).isEqualTo("exactly_once_v2");
        assertThat(config.exactlyOnce()).isTrue();
        assertThat(config.commitIntervalMs()).isEqualTo(20);
        assertThat(config.eventsProcessingGuarantee()).isEqualTo("at_least_once");
        assertThat(config.eventsExactlyOnce()).isFalse();
        assertThat(config.eventsCommitIntervalMs()).isEqualTo(100);
        assertThat(config.eventsApplicationId()).isEqualTo("switchboard-processor-events");
        assertThat(config.partitions()).isEqualTo(3);
        assertThat(config.replicationFactor()).isEqualTo((short) 1);
        assertThat(config.aclRecheckIntervalMs()).isEqualTo(1000);
        assertThat(config.gatewaysCheckIntervalMs()).isEqualTo(5000);
        assertThat(config.tokenTtlMs()).isEqualTo(300_000);
        assertThat(config.stateDir()).isEqualTo(Path.of(System.getProperty("java.io.tmpdir"), "switchboard-processor"));
        assertThat(config.knownFamilies())
                .containsExactly(
                        "metrics",
                        "signals",
                        "actions",
                        "logs",
                        "status",
                        "connections",
                        "broadcasts",
                        "track_comments",
                        "forum_threads",
                        "forum_global",
                        "book_requests",
                        "user");
        assertThat(config.presenceFamilies()).containsExactly("forum_threads", "chat_rooms", "book_requests");
    }

    @Test
    void readsThePresenceFamiliesAndRefusesUserNamingTheKey() {
        assertThat(ProcessorConfig.from(settings(Map.of("processor.presence.families", " chat_rooms ,chat_rooms,")))
                        .presenceFamilies())
                .containsExactly("chat_rooms");
        assertThat(ProcessorConfig.from(settings(Map.of("processor.presence.families", "")))
                        .presenceFamilies())
                .isEmpty();
        assertThatThrownBy(
                        () -> ProcessorConfig.from(settings(Map.of("processor.presence.families", "chat_rooms,user"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("processor.presence.families")
                .hasMessageContaining("'user'");
        assertKeyRejected("processor.presence.families", "Bad Family");
        assertKeyRejected("processor.presence.families", "forum_threads:42");
    }

    @Test
    void readsEveryKeyFromLayeredSettings() {
        ProcessorConfig config = ProcessorConfig.from(settings(Map.of(
                "processor.bootstrap-servers", "kafka-1:9092,kafka-2:9092",
                "processor.application-id", "sb-eu",
                "processor.topic-prefix", "sb",
                "processor.processing-guarantee", "at_least_once",
                "processor.commit-interval-ms", "50",
                "processor.state-dir", "/var/lib/switchboard",
                "processor.families", "metrics, user ,chat,metrics",
                "processor.topics.partitions", "12",
                "processor.topics.replication-factor", "3",
                "processor.acl.recheck-interval-ms", "250")));

        assertThat(config.bootstrapServers()).isEqualTo("kafka-1:9092,kafka-2:9092");
        assertThat(config.topics().output("chat")).isEqualTo("sb.out.chat");
        assertThat(config.exactlyOnce()).isFalse();
        assertThat(config.commitIntervalMs()).isEqualTo(50);
        assertThat(config.stateDir()).isEqualTo(Path.of("/var/lib/switchboard"));
        assertThat(config.families()).containsExactly("metrics", "chat");
        assertThat(config.knownFamilies()).containsExactly("metrics", "chat", "user");
        assertThat(config.partitions()).isEqualTo(12);
        assertThat(config.replicationFactor()).isEqualTo((short) 3);
        assertThat(config.aclRecheckIntervalMs()).isEqualTo(250);
    }

    @Test
    void readsTheEventsAppsGuaranteeAndCommitInterval() {
        ProcessorConfig config = ProcessorConfig.from(settings(Map.of(
                "processor.events.processing-guarantee", "exactly_once_v2",
                "processor.events.commit-interval-ms", "250")));

        assertThat(config.eventsExactlyOnce()).isTrue();
        assertThat(config.eventsCommitIntervalMs()).isEqualTo(250);
        assertThat(config.describe())
                .contains("processor.events.processing-guarantee=exactly_once_v2")
                .contains("processor.events.commit-interval-ms=250");
        ProcessorConfig atLeastOnce = ProcessorConfig.from(settings(Map.of(
                "processor.events.processing-guarantee", "at_least_once",
                "processor.events.commit-interval-ms", "0")));
        assertThat(atLeastOnce.eventsExactlyOnce()).isFalse();
        assertThat(atLeastOnce.eventsCommitIntervalMs()).isZero();
    }

    @Test
    void rejectsABadEventsGuaranteeOrCommitIntervalNamingTheKey() {
        assertThatThrownBy(() ->
                        ProcessorConfig.from(settings(Map.of("processor.events.processing-guarantee", "at_most_once"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("processor.events.processing-guarantee")
                .hasMessageContaining("exactly_once_v2 or at_least_once");
        assertKeyRejected("processor.events.commit-interval-ms", "-1");
        assertKeyRejected("processor.events.commit-interval-ms", "3600001");
        assertKeyRejected("processor.events.commit-interval-ms", "often");
    }

    @Test
    void refusesPassThroughPropertiesThatWouldReorderAnOutputPartition() {
        assertKeyRejected("kafka.enable.idempotence", "false");
        assertKeyRejected("streams.enable.idempotence", "false");
        assertKeyRejected("streams.producer.enable.idempotence", "false");
        assertKeyRejected("kafka.max.in.flight.requests.per.connection", "6");
        assertKeyRejected("streams.producer.max.in.flight.requests.per.connection", "0");
        assertKeyRejected("streams.max.in.flight.requests.per.connection", "many");

        ProcessorConfig allowed = ProcessorConfig.from(settings(Map.of(
                "kafka.enable.idempotence", "true", "streams.producer.max.in.flight.requests.per.connection", "1")));
        assertThat(StreamsProperties.events(allowed).getProperty("producer.max.in.flight.requests.per.connection"))
                .isEqualTo("1");
    }

    @Test
    void theEventsAppRunsUnderItsOwnIdGuaranteeAndCommitIntervalWithAnIdempotentProducer() {
        ProcessorConfig config = ProcessorConfig.from(settings(Map.of(
                "processor.application-id", "sb-eu",
                "processor.linger-ms", "2",
                "kafka.security.protocol", "SSL",
                "streams.num.stream.threads", "4")));

        Properties events = StreamsProperties.events(config);
        Properties core = StreamsProperties.streams(config);

        assertThat(events.getProperty(StreamsConfig.APPLICATION_ID_CONFIG)).isEqualTo("sb-eu-events");
        assertThat(events.getProperty(StreamsConfig.PROCESSING_GUARANTEE_CONFIG))
                .isEqualTo("at_least_once");
        assertThat(events.getProperty(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG)).isEqualTo("100");
        assertThat(events.getProperty("producer.enable.idempotence")).isEqualTo("true");
        assertThat(events.getProperty("producer.linger.ms")).isEqualTo("2");
        assertThat(events.getProperty("security.protocol")).isEqualTo("SSL");
        assertThat(events.getProperty(StreamsConfig.NUM_STREAM_THREADS_CONFIG)).isEqualTo("4");
        assertThat(events.getProperty(StreamsConfig.STATE_DIR_CONFIG))
                .isEqualTo(core.getProperty(StreamsConfig.STATE_DIR_CONFIG)); // apart by application id inside
        assertThat(events.getProperty(StreamsConfig.CLIENT_ID_CONFIG)).isNull(); // Streams derives it from the id
        assertThat(core.getProperty(StreamsConfig.APPLICATION_ID_CONFIG)).isEqualTo("sb-eu");
        assertThat(core.getProperty(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo("exactly_once_v2");
        assertThat(core.getProperty(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG)).isEqualTo("20");
    }

    @Test
    void theReadBackAppRunsUnderItsOwnIdAndCommitIntervalWithTheCoreAppsGuarantee() {
        ProcessorConfig config = ProcessorConfig.from(settings(Map.of(
                "processor.application-id", "sb-eu",
                "processor.processing-guarantee", "at_least_once",
                "processor.readback.commit-interval-ms", "2500")));

        Properties readBack = StreamsProperties.readBack(config);

        assertThat(readBack.getProperty(StreamsConfig.APPLICATION_ID_CONFIG)).isEqualTo("sb-eu-readback");
        assertThat(config.readBackApplicationId()).isEqualTo("sb-eu-readback");
        assertThat(readBack.getProperty(StreamsConfig.PROCESSING_GUARANTEE_CONFIG))
                .isEqualTo("at_least_once");
        assertThat(readBack.getProperty(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG))
                .isEqualTo("2500");
        assertThat(readBack.getProperty("main.consumer.metadata.max.age.ms")).isEqualTo("10000");
        assertThat(StreamsProperties.streams(config).getProperty("main.consumer.metadata.max.age.ms"))
                .isNull(); // only the read-back app reads topics by pattern
        assertThat(config.describe()).contains("processor.readback.commit-interval-ms=2500");
        assertThat(ProcessorConfig.from(settings(Map.of())).readBackCommitIntervalMs())
                .isEqualTo(1000);
    }

    @Test
    void aClientIdOrApplicationIdSetUnderStreamsStillKeepsTheAppsApart() {
        ProcessorConfig config =
                ProcessorConfig.from(settings(Map.of("streams.application.id", "raw-id", "kafka.client.id", "sb")));

        Properties events = StreamsProperties.events(config);

        assertThat(events.getProperty(StreamsConfig.APPLICATION_ID_CONFIG)).isEqualTo("raw-id-events");
        assertThat(events.getProperty(StreamsConfig.CLIENT_ID_CONFIG)).isEqualTo("sb-events");
        assertThat(StreamsProperties.readBack(config).getProperty(StreamsConfig.APPLICATION_ID_CONFIG))
                .isEqualTo("raw-id-readback");
        assertThat(StreamsProperties.readBack(config).getProperty(StreamsConfig.CLIENT_ID_CONFIG))
                .isEqualTo("sb-readback");
        assertThat(StreamsProperties.streams(config).getProperty(StreamsConfig.CLIENT_ID_CONFIG))
                .isEqualTo("sb");
    }

    @Test
    void readsTheReconnectionTokenTtl() {
        ProcessorConfig config = ProcessorConfig.from(settings(Map.of("processor.sessions.token-ttl-ms", "60000")));

        assertThat(config.tokenTtlMs()).isEqualTo(60_000);
        assertThat(config.describe()).contains("processor.sessions.token-ttl-ms=60000");
    }

    @Test
    void rejectsAnUnknownProcessingGuaranteeNamingTheKey() {
        assertThatThrownBy(
                        () -> ProcessorConfig.from(settings(Map.of("processor.processing-guarantee", "exactly_once"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("processor.processing-guarantee")
                .hasMessageContaining("exactly_once_v2 or at_least_once");
    }

    @Test
    void rejectsBadValuesNamingTheirKeys() {
        assertKeyRejected("processor.commit-interval-ms", "-1");
        assertKeyRejected("processor.commit-interval-ms", "soon");
        assertKeyRejected("processor.topics.partitions", "0");
        assertKeyRejected("processor.topics.replication-factor", "40000");
        assertKeyRejected("processor.families", "metrics,Bad Family");
        assertKeyRejected("processor.families", "forum:threads");
        assertKeyRejected("processor.topic-prefix", "no spaces");
        assertKeyRejected("processor.application-id", "a/b");
        assertKeyRejected("processor.bootstrap-servers", " ");
        assertKeyRejected("processor.acl.recheck-interval-ms", "0");
        assertKeyRejected("processor.acl.recheck-interval-ms", "600001");
        assertKeyRejected("processor.gateways.check-interval-ms", "99");
        assertKeyRejected("processor.gateways.check-interval-ms", "600001");
        assertKeyRejected("processor.sessions.token-ttl-ms", "0");
        assertKeyRejected("processor.sessions.token-ttl-ms", "86400001");
    }

    @Test
    void acceptsIntervalsAndTtlsDownToTheirBoundsForTests() {
        ProcessorConfig config = ProcessorConfig.forTests(
                "localhost:1",
                Map.of(
                        "processor.commit-interval-ms", "20",
                        "processor.acl.recheck-interval-ms", "50",
                        "processor.sessions.token-ttl-ms", "1000",
                        "processor.gateways.check-interval-ms", "100"));

        assertThat(config.commitIntervalMs()).isEqualTo(20);
        assertThat(config.aclRecheckIntervalMs()).isEqualTo(50);
        assertThat(config.tokenTtlMs()).isEqualTo(1_000);
        assertThat(config.gatewaysCheckIntervalMs()).isEqualTo(100);
        assertKeyRejected("processor.sessions.token-ttl-ms", "999");
        assertKeyRejected("processor.gateways.check-interval-ms", "99");
        assertKeyRejected("processor.acl.recheck-interval-ms", "0");
        assertKeyRejected("processor.processing-guarantee", "none");
        assertThatThrownBy(() -> ProcessorConfig.forTests("localhost:1", Map.of("processor.no-such-key", "1")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("processor.no-such-key");
    }

    @Test
    void forTestsGivesEachCallItsOwnApplicationIdAndStateDir() {
        ProcessorConfig first = ProcessorConfig.forTests("localhost:1");
        ProcessorConfig second = ProcessorConfig.forTests("localhost:1");

        assertThat(first.bootstrapServers()).isEqualTo("localhost:1");
        assertThat(first.applicationId()).isNotEqualTo(second.applicationId());
        assertThat(first.stateDir()).isNotEqualTo(second.stateDir()).isDirectory();
    }

    @Test
    void streamsPropertiesLayerKafkaThenStreamsPassThroughOverTheProcessorKeys() {
        ProcessorConfig config = ProcessorConfig.from(settings(Map.of(
                "kafka.security.protocol", "SSL",
                "kafka.ssl.truststore.password", "hunter2",
                "streams.num.stream.threads", "4",
                "streams.commit.interval.ms", "7")));

        Properties props = StreamsProperties.streams(config);

        assertThat(props.getProperty("security.protocol")).isEqualTo("SSL");
        assertThat(props.getProperty(StreamsConfig.NUM_STREAM_THREADS_CONFIG)).isEqualTo("4");
        assertThat(props.getProperty(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG)).isEqualTo("7");
        assertThat(props.getProperty(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo("exactly_once_v2");
        assertThat(StreamsProperties.readBack(config).getProperty("main.consumer.metadata.max.age.ms"))
                .isEqualTo("10000");
        assertThat(props.getProperty(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG))
                .isEqualTo("switchboard.events.dlq");
        assertThat(StreamsProperties.admin(config).getProperty("security.protocol"))
                .isEqualTo("SSL");
        assertThat(config.describe())
                .contains("kafka.ssl.truststore.password=******")
                .doesNotContain("hunter2");
    }

    @Test
    void documentsEveryKeyOnce() {
        assertThat(ProcessorKeys.TABLE.keys())
                .allSatisfy(key -> assertThat(key.doc()).isNotBlank());
        assertThat(ProcessorConfig.defaults().keySet())
                .hasSize(ProcessorKeys.TABLE.keys().size());
        assertThat(ProcessorKeys.TABLE.markdownTable())
                .contains("| `processor.commit-interval-ms` | `20` | 0 to 3600000 |")
                .contains("| `processor.events.commit-interval-ms` | `100` | 0 to 3600000 |")
                .contains("| `processor.sessions.token-ttl-ms` | `300000` | 1000 to 86400000 |");
        ProcessorKeys.TABLE.checkDefaults();
    }

    @Test
    void servesTheHttpEndpointsOnEveryInterfaceAtPort8081ByDefaultAndReadsBothKeys() {
        assertThat(ProcessorConfig.from(settings(Map.of())).http()).isEqualTo(new HttpEndpoint("0.0.0.0", 8081));

        HttpEndpoint http = ProcessorConfig.from(
                        settings(Map.of("processor.http.host", " 127.0.0.1 ", "processor.http.port", "0")))
                .http();

        assertThat(http).isEqualTo(new HttpEndpoint("127.0.0.1", 0));
        assertThat(http.enabled()).isTrue();
        assertThat(ProcessorConfig.from(settings(Map.of("processor.http.port", "-1")))
                        .http()
                        .enabled())
                .isFalse();
        assertThat(ProcessorConfig.forTests("localhost:1").http()).isEqualTo(new HttpEndpoint("127.0.0.1", 0));
        assertThat(ProcessorConfig.from(settings(Map.of())).describe())
                .contains("processor.http.host=0.0.0.0", "processor.http.port=8081");
    }

    @Test
    void refusesAnHttpPortOutsideMinusOneTo65535AndABlankHost() {
        assertKeyRejected("processor.http.port", "65536");
        assertKeyRejected("processor.http.port", "-2");
        assertKeyRejected("processor.http.port", "metrics");
        assertKeyRejected("processor.http.host", " ");
        assertThatThrownBy(() -> new HttpEndpoint("", 1))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("processor.http.host");
    }

    private static void assertKeyRejected(String key, String value) {
        assertThatThrownBy(() -> ProcessorConfig.from(settings(Map.of(key, value))))
                .as("%s=%s", key, value)
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(key);
    }

    private static Settings settings(Map<String, String> overrides) {
        Map<String, String> env = new HashMap<>();
        return Settings.load(ProcessorConfig.defaults(), Set.of("kafka.", "streams."), null, env, overrides);
    }
}
