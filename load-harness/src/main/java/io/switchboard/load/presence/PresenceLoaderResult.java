package io.switchboard.load.presence;

import java.util.Map;

/**
 * What one presence loader saw, written as JSON at its end and read by the coordinator.
 *
 * @param loader this loader's number
 * @param firstClient global index of its first client (user {@code u<firstClient>})
 * @param clients clients of this loader
 * @param subscribed clients whose first subscribe was granted
 * @param failures first connections that never got there, by reason
 * @param lost sockets that ended after the grant (none is expected: a lost member leaves the channel)
 * @param errors {@code error} frames by their text's first 120 characters
 * @param firstSubscribeMicros per client (index − firstClient), when its first subscribe was sent, epoch µs
 * @param churnSubscribes subscribes of the churn phase as pairs {@code [client, sent epoch µs]}, flattened
 * @param churnUnsubscribes unsubscribes sent during the churn phase
 * @param churnSeconds how long the churn phase ran, from its first operation to its last
 */
public record PresenceLoaderResult(
        int loader,
        int firstClient,
        int clients,
        int subscribed,
        Map<String, Long> failures,
        int lost,
        Map<String, Long> errors,
        long[] firstSubscribeMicros,
        long[] churnSubscribes,
        long churnUnsubscribes,
        double churnSeconds) {}
