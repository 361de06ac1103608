/**
 * The scale test's pure parts: the reconnect backoff of its clients, their development tokens (HS256, nimbus-jose),
 * per-channel continuity tallies and the results and summaries the coordinator prints. Plain Java beside the report
 * package's latency types: must not depend on the servers, the Java client or the coordinator.
 */
package io.switchboard.load.scale;
