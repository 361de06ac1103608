package io.switchboard.processor.error;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.ErrorHandlerContext;

/**
 * Why and where a record was given up on. Every dead-lettered record keeps its key, value and headers and gains
 * the {@code error.*} headers below (UTF-8 text), whether the topology or a Kafka Streams handler wrote it.
 *
 * @param reason what is wrong, for an operator ({@code error.reason})
 * @param stage the processing stage that gave up, e.g. {@code validate-events} ({@code error.stage})
 * @param sourceTopic the topic the record was read from ({@code error.source.topic})
 * @param sourcePartition its partition ({@code error.source.partition})
 * @param sourceOffset its offset ({@code error.source.offset})
 * @param timeMs when it was dead-lettered, epoch milliseconds ({@code error.time})
 */
record DeadLetter(
        String reason, String stage, String sourceTopic, int sourcePartition, long sourceOffset, long timeMs) {
    static final String REASON = "error.reason";
    static final String STAGE = "error.stage";
    static final String SOURCE_TOPIC = "error.source.topic";
    static final String SOURCE_PARTITION = "error.source.partition";
    static final String SOURCE_OFFSET = "error.source.offset";
    static final String TIME = "error.time";
    /** Only on records dead-lettered by a Kafka Streams handler: the exception's class name. */
    static final String EXCEPTION = "error.exception";

    /** A dead letter for the record a Kafka Streams error handler is looking at. */
    static DeadLetter of(ErrorHandlerContext context, String stage, Exception exception, long timeMs) {
        return new DeadLetter(
                reasonOf(exception), stage, context.topic(), context.partition(), context.offset(), timeMs);
    }

    /** A copy of {@code original} (which is not changed) with this dead letter's headers in place of older ones. */
    Headers headers(Headers original) {
        Headers headers = original == null ? new RecordHeaders() : new RecordHeaders(original.toArray());
        put(headers, REASON, reason);
        put(headers, STAGE, stage);
        put(headers, SOURCE_TOPIC, sourceTopic);
        put(headers, SOURCE_PARTITION, Integer.toString(sourcePartition));
        put(headers, SOURCE_OFFSET, Long.toString(sourceOffset));
        put(headers, TIME, Long.toString(timeMs));
        return headers;
    }

    /** The record to write to {@code dlqTopic}: the original key and value with the error headers added. */
    ProducerRecord<byte[], byte[]> toRecord(
            String dlqTopic, byte[] key, byte[] value, Headers original, Exception exception) {
        Headers headers = headers(original);
        put(headers, EXCEPTION, exception.getClass().getName());
        return new ProducerRecord<>(dlqTopic, null, key, value, headers);
    }

    /** The dead-letter topic configured for Kafka Streams' handlers, or null when there is none. */
    static String topicFrom(Map<String, ?> configs) {
        Object topic = configs.get(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG);
        return topic == null || topic.toString().isBlank() ? null : topic.toString();
    }

    static String reasonOf(Exception exception) {
        String message = exception.getMessage();
        return message == null || message.isBlank()
                ? exception.getClass().getSimpleName()
                : exception.getClass().getSimpleName() + ": " + message;
    }

    private static void put(Headers headers, String key, String value) {
        headers.remove(key);
        headers.add(key, (value == null ? "" : value).getBytes(StandardCharsets.UTF_8));
    }
}
