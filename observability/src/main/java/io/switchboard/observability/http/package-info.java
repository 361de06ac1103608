/**
 * The operator endpoints {@code /metrics}, {@code /health/live} and {@code /health/ready} as Undertow handlers, and a
 * small server for a deployable without one of its own (the processor). The only package of this module that uses
 * Undertow.
 */
package io.switchboard.observability.http;
