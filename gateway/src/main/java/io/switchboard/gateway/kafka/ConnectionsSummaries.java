package io.switchboard.gateway.kafka;

/**
 * The periodic summaries of this gateway's connections ({@link ConnectionsSummaryPublisher}), or {@link #OFF} when
 * their interval is 0.
 */
public interface ConnectionsSummaries extends AutoCloseable {
    /** No summaries: starting, draining and closing do nothing. */
    ConnectionsSummaries OFF = new ConnectionsSummaries() {
        @Override
        public void start() {}

        @Override
        public void draining() {}

        @Override
        public void close() {}
    };

    /** Sends a summary every interval from now on, once the gateway serves. */
    void start();

    /** The gateway has begun to drain: summaries say so from now on. */
    void draining();

    /** Sends a last summary saying the gateway stopped. */
    @Override
    void close();
}
