package io.switchboard.load.loader;

import io.switchboard.load.report.Closes;
import io.switchboard.load.report.Continuity;
import io.switchboard.load.report.LoaderResult;
import java.util.List;
import java.util.Map;

/** Turns a stopped loader's state into its {@link LoaderResult}. */
final class LoaderOutcome {
    private final LoaderResult result;

    LoaderOutcome(
            LoaderSettings settings,
            int subscribed,
            Map<String, Long> failures,
            long reads,
            Map<Integer, Closes> closes,
            List<ClientConnection> connections,
            Deliveries deliveries,
            long lastProduced) {
        Continuity open = Continuity.NONE;
        Continuity closed = Continuity.NONE;
        for (ClientConnection c : connections) {
            if (c.phase == ClientConnection.Phase.SUBSCRIBED) {
                open = open.plus(c.sequence, lastProduced);
            } else if (c.closeCode != 0) {
                closed = closed.plus(c.sequence, lastProduced);
            }
        }
        if (deliveries.unreadable() > 0) {
            failures.merge("message frames without data.seq or data.t", deliveries.unreadable(), Long::sum);
        }
        this.result = new LoaderResult(
                settings.index(),
                settings.clients(),
                subscribed,
                Map.copyOf(failures),
                deliveries.received(),
                deliveries.receivedAll(),
                reads,
                Map.copyOf(closes),
                open,
                closed,
                deliveries.holeSamples(),
                deliveries.missed(),
                deliveries.latencies().encode(),
                deliveries.latencies().negative());
    }

    LoaderResult result() {
        return result;
    }
}
