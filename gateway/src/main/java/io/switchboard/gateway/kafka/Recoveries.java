package io.switchboard.gateway.kafka;

/** Where the delivery thread hands recovery jobs and its answers ({@link RecoveryReader}). Never blocks. */
interface Recoveries {
    /** Starts a job: it catches up from its {@code since}, then asks for the hand-over. */
    void start(RecoveryJob job);

    /** The answer to {@link Handover#activateAt} when the live position was not the one asked for. */
    void livePosition(RecoveryJob job, long position);
}
