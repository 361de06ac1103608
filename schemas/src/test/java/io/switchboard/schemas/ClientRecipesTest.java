package io.switchboard.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class ClientRecipesTest {
    private static final Map<String, Object> CHOSEN = withBase(Map.of("request.timeout.ms", 1000, "linger.ms", 5));

    @Test
    void letsRawPropertiesWinOverTheCallersChoices() {
        Map<String, Object> props =
                ClientRecipes.reader(CHOSEN, Map.of("request.timeout.ms", "7000", "security.protocol", "SSL"));

        assertThat(props)
                .containsEntry("bootstrap.servers", "localhost:1")
                .containsEntry("client.id", "test-client")
                .containsEntry("request.timeout.ms", "7000")
                .containsEntry("security.protocol", "SSL");
    }

    @Test
    void readsOnlyCommittedRecordsWithoutAGroupWhateverTheRawPropertiesSay() {
        Map<String, Object> props = ClientRecipes.reader(
                CHOSEN,
                Map.of(
                        "group.id", "someone-elses",
                        "enable.auto.commit", "true",
                        "isolation.level", "read_uncommitted",
                        "allow.auto.create.topics", "true"));

        assertThat(props)
                .doesNotContainKey(ConsumerConfig.GROUP_ID_CONFIG)
                .containsEntry(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false)
                .containsEntry(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")
                .containsEntry(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
    }

    @Test
    void producesIdempotentlyOutsideTransactionsWhateverTheRawPropertiesSay() {
        Map<String, Object> props = ClientRecipes.idempotentProducer(
                CHOSEN, Map.of("acks", "1", "enable.idempotence", "false", "transactional.id", "tx-1"));

        assertThat(props)
                .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)
                .containsEntry(ProducerConfig.ACKS_CONFIG, "all")
                .doesNotContainKey(ProducerConfig.TRANSACTIONAL_ID_CONFIG)
                .containsEntry("linger.ms", 5);
    }

    @Test
    void givesTheAdminTheCallersChoicesThenTheRawProperties() {
        assertThat(ClientRecipes.admin(CHOSEN, Map.of("linger.ms", "9")))
                .containsEntry("client.id", "test-client")
                .containsEntry("linger.ms", "9");
    }

    @Test
    void buildsPropertiesKafkaAccepts() {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                        ClientRecipes.reader(CHOSEN, Map.of()), new StringDeserializer(), new StringDeserializer());
                KafkaProducer<String, String> producer = new KafkaProducer<>(
                        ClientRecipes.idempotentProducer(CHOSEN, Map.of()),
                        new StringSerializer(),
                        new StringSerializer())) {
            assertThat(consumer.assignment()).isEmpty();
            assertThat(producer.metrics()).isNotEmpty();
        }
    }

    private static Map<String, Object> withBase(Map<String, Object> more) {
        Map<String, Object> props = ClientRecipes.base("localhost:1", "test-client");
        props.putAll(more);
        return props;
    }
}
