/**
 * The presence test's pure parts: what a presence loader reports, the check that paging through a presence answer
 * returned every member exactly once, and the matching of subscribes to the join frames a watcher received. Plain
 * Java beside the report package's latency types: must not depend on the servers, the Java client or the coordinator.
 */
package io.switchboard.load.presence;
