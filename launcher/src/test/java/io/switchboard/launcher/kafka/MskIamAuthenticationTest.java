package io.switchboard.launcher.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/**
 * The launcher's class path (the image's) lets Kafka clients authenticate to Amazon MSK with IAM, as
 * terraform/modules/msk configures them through {@code SWITCHBOARD_KAFKA_*}: a client builds its SASL login from
 * these properties when it is created, so a missing login module or callback handler fails here, not in AWS.
 */
class MskIamAuthenticationTest {
    @Test
    void kafkaClientsAcceptTheMskIamLoginModuleAndCallbackHandler() {
        Map<String, Object> properties = Map.of(
                "bootstrap.servers", "127.0.0.1:1",
                "security.protocol", "SASL_SSL",
                "sasl.mechanism", "AWS_MSK_IAM",
                "sasl.jaas.config", "software.amazon.msk.auth.iam.IAMLoginModule required;",
                "sasl.client.callback.handler.class", "software.amazon.msk.auth.iam.IAMClientCallbackHandler");

        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(properties, new ByteArraySerializer(), new ByteArraySerializer())) {
            assertThat(producer.metrics()).isNotEmpty();
            producer.close(Duration.ZERO);
        }
    }
}
