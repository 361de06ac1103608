/**
 * A run's results: latencies (HdrHistogram), continuity, CPU and memory, merged over loaders and printed. Plain data
 * and arithmetic: no I/O beyond printing, no Kafka, no sockets.
 */
package io.switchboard.load.report;
