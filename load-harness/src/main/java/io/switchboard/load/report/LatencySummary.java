package io.switchboard.load.report;

/** Latency percentiles of one run in milliseconds, over {@code count} deliveries. */
public record LatencySummary(long count, double p50, double p90, double p99, double p999, double max) {}
