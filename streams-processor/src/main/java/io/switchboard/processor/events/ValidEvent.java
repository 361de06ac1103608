package io.switchboard.processor.events;

import io.switchboard.schemas.avro.DomainEvent;

/**
 * A domain event that decoded and validated, with the bytes it was read from, so that a later stage can still
 * dead-letter the original record.
 */
public record ValidEvent(DomainEvent event, byte[] original) {}
