/**
 * Observability shared by both deployables: the meter registry of one deployable (Micrometer, Prometheus format,
 * tagged {@code application} and {@code instance_id}). Must not depend on the gateway or the processor.
 */
package io.switchboard.observability;
