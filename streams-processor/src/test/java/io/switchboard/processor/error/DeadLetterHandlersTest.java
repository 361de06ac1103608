package io.switchboard.processor.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;

class DeadLetterHandlersTest {
    private static final String DLQ = "switchboard.events.dlq";
    private static final Map<String, Object> CONFIG =
            Map.of(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, DLQ);
    private static final byte[] SOURCE_KEY = bytes("metrics");
    private static final byte[] SOURCE_VALUE = bytes("{\"channel\":\"metrics\"}");

    @Test
    void productionHandlerRetriesRetriableErrors() {
        DeadLetterProductionHandler handler = new DeadLetterProductionHandler();
        handler.configure(CONFIG);

        ProductionExceptionHandler.Response response =
                handler.handleError(context(), output("switchboard.out.metrics"), new NotEnoughReplicasException("x"));

        assertThat(response.result()).isEqualTo(ProductionExceptionHandler.Result.RETRY);
    }

    @Test
    void productionHandlerDeadLettersTheSourceRecordOfAnOutputThatCannotBeWritten() {
        DeadLetterProductionHandler handler = new DeadLetterProductionHandler();
        handler.configure(CONFIG);

        ProductionExceptionHandler.Response response = handler.handleError(
                context(), output("switchboard.out.metrics"), new RecordTooLargeException("too large"));

        assertThat(response.result()).isEqualTo(ProductionExceptionHandler.Result.RESUME);
        ProducerRecord<byte[], byte[]> dead = response.deadLetterQueueRecords().get(0);
        assertThat(dead.topic()).isEqualTo(DLQ);
        assertThat(dead.key()).isEqualTo(SOURCE_KEY);
        assertThat(dead.value()).isEqualTo(SOURCE_VALUE);
        assertThat(header(dead.headers(), DeadLetter.STAGE)).isEqualTo(DeadLetterProductionHandler.STAGE);
        assertThat(header(dead.headers(), DeadLetter.REASON)).isEqualTo("RecordTooLargeException: too large");
        assertThat(header(dead.headers(), DeadLetter.SOURCE_OFFSET)).isEqualTo("41");
        assertThat(header(dead.headers(), DeadLetter.EXCEPTION)).isEqualTo(RecordTooLargeException.class.getName());
        assertThat(header(dead.headers(), "trace-id")).isEqualTo("t-1");
    }

    @Test
    void productionHandlerNeverDeadLettersAFailedDeadLetter() {
        DeadLetterProductionHandler handler = new DeadLetterProductionHandler();
        handler.configure(CONFIG);

        ProductionExceptionHandler.Response response =
                handler.handleError(context(), output(DLQ), new RecordTooLargeException("too large"));

        assertThat(response.result()).isEqualTo(ProductionExceptionHandler.Result.RESUME);
        assertThat(response.deadLetterQueueRecords()).isEmpty();
    }

    @Test
    void processingHandlerDeadLettersTheSourceRecordNamingTheProcessorAndGoesOn() {
        DeadLetterProcessingHandler handler = new DeadLetterProcessingHandler();
        handler.configure(CONFIG);

        ProcessingExceptionHandler.Response response = handler.handleError(
                context(), new Record<>("metrics", "decoded", 0L), new IllegalStateException("bug"));

        assertThat(response.result()).isEqualTo(ProcessingExceptionHandler.Result.RESUME);
        ProducerRecord<byte[], byte[]> dead = response.deadLetterQueueRecords().get(0);
        assertThat(dead.value()).isEqualTo(SOURCE_VALUE);
        assertThat(header(dead.headers(), DeadLetter.STAGE)).isEqualTo("address-events");
        assertThat(header(dead.headers(), DeadLetter.SOURCE_TOPIC)).isEqualTo("switchboard.events");
    }

    @Test
    void handlersWithoutADeadLetterTopicSkipAndGoOn() {
        DeadLetterProcessingHandler handler = new DeadLetterProcessingHandler();
        handler.configure(Map.of());

        ProcessingExceptionHandler.Response response =
                handler.handleError(context(), new Record<>("k", "v", 0L), new IllegalStateException("bug"));

        assertThat(response.result()).isEqualTo(ProcessingExceptionHandler.Result.RESUME);
        assertThat(response.deadLetterQueueRecords()).isEmpty();
    }

    private static ProducerRecord<byte[], byte[]> output(String topic) {
        return new ProducerRecord<>(topic, bytes("metrics"), bytes("delivery"));
    }

    private static ErrorHandlerContext context() {
        Headers headers = new RecordHeaders();
        headers.add("trace-id", bytes("t-1"));
        return new ErrorHandlerContext() {
            public String topic() {
                return "switchboard.events";
            }

            public int partition() {
                return 2;
            }

            public long offset() {
                return 41;
            }

            public Headers headers() {
                return headers;
            }

            public String processorNodeId() {
                return "address-events";
            }

            public TaskId taskId() {
                return new TaskId(0, 2);
            }

            public long timestamp() {
                return 0;
            }

            public byte[] sourceRawKey() {
                return SOURCE_KEY;
            }

            public byte[] sourceRawValue() {
                return SOURCE_VALUE;
            }
        };
    }

    private static String header(Headers headers, String key) {
        return new String(headers.lastHeader(key).value(), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
