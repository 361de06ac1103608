package io.switchboard.observability.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.observability.health.Health;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.junit.jupiter.api.Test;

class KafkaHealthTest {
    private static final Duration GRACE = Duration.ofSeconds(5);

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final Map<MetricName, Metric> metrics = new HashMap<>();
    private final KafkaHealth health = new KafkaHealth(() -> metrics, GRACE, nanos::get);

    @Test
    void staysUpWhileResponsesKeepComing() {
        responses("consumer-metrics", 10);
        assertThat(health.check().up()).isTrue();

        for (int i = 0; i < 5; i++) {
            nanos.addAndGet(Duration.ofSeconds(4).toNanos());
            responses("consumer-metrics", 11 + i);
            assertThat(health.check().up()).isTrue();
        }
    }

    @Test
    void goesDownAfterTheGracePeriodWithoutAResponseAndUpAtTheNextOne() {
        responses("consumer-metrics", 10);
        health.check();

        nanos.addAndGet(GRACE.toNanos());
        assertThat(health.check())
                .as("silent for exactly the grace period")
                .isEqualTo(Health.up("no new response from Kafka for 5000 ms, within the grace period of 5000 ms"));
        nanos.addAndGet(1);
        Health down = health.check();
        assertThat(down.up()).isFalse();
        assertThat(down.detail()).isEqualTo("no response from Kafka for at least 5000 ms");

        responses("consumer-metrics", 11);
        Health up = health.check();
        assertThat(up.up()).isTrue();
        assertThat(up.detail()).isEqualTo("11 responses from Kafka so far");
    }

    @Test
    void aFirstLookLongAfterTheStartCountsTheResponsesAlreadyMadeAsRecent() {
        nanos.addAndGet(GRACE.multipliedBy(5).toNanos());
        responses("consumer-metrics", 174);

        assertThat(health.check().up())
                .as("the first probe of a client that talks")
                .isTrue();
        nanos.addAndGet(GRACE.toNanos() + 1);
        assertThat(health.check().up())
                .as("then silent for longer than the grace period")
                .isFalse();
    }

    @Test
    void aFirstLookLongAfterTheStartOfAClientThatNeverHeardFromABrokerIsDown() {
        nanos.addAndGet(GRACE.toNanos() + 1);
        responses("consumer-metrics", 0);

        assertThat(health.check().up()).isFalse();
    }

    @Test
    void isDownWhenTheClientNeverHearsFromABroker() {
        responses("producer-metrics", 0);
        assertThat(health.check().up()).isTrue();

        nanos.addAndGet(GRACE.toNanos() + 1);

        assertThat(health.check().up()).isFalse();
    }

    @Test
    void countsEveryClientOfAStreamsInstanceButNotPerNodeMetrics() {
        responses("consumer-metrics", 5);
        responses("admin-client-metrics", 3);
        responses("consumer-node-metrics", 7);
        health.check();

        nanos.addAndGet(GRACE.toNanos() + 1);
        responses("consumer-node-metrics", 8);
        assertThat(health.check().up()).as("a node metric alone is no progress").isFalse();

        responses("admin-client-metrics", 4);
        assertThat(health.check().up()).isTrue();
    }

    private void responses(String group, double total) {
        MetricName name = new MetricName("response-total", group, "", Map.of("client-id", group + "-client"));
        metrics.put(name, new Metric() {
            @Override
            public MetricName metricName() {
                return name;
            }

            @Override
            public Object metricValue() {
                return total;
            }
        });
    }
}
