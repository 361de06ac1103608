/**
 * The Avro records that cross Kafka, generated at build time from {@code schemas/src/main/avro/switchboard.avdl}: edit
 * the schema, never the generated classes. Evolve by adding fields with defaults, and keep the
 * version before of a changed record under {@code earlier/} ({@code EarlierSchemas}), so that old records still decode.
 */
package io.switchboard.schemas.avro;
