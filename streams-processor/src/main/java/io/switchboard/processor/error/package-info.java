/**
 * The dead-letter policy: the {@code error.*} headers of a dead-lettered record and the Kafka Streams handlers for
 * records that cannot be deserialized, processed or produced. Depends only on {@code metrics} within the processor
 * (ArchitectureTest).
 */
package io.switchboard.processor.error;
