package io.switchboard.gateway.kafka;

/**
 * The delivery thread's side of a recovery: calls return at once, the work is a command applied between two polls of
 * the live reader, where its position is exact. Called by the recovery thread.
 */
interface Handover {
    /**
     * Adds the job's session to the live stream of its channel if the live position of the channel's partition is
     * {@code position}, and ends the job; otherwise reports the live position to the job ({@link
     * RecoveryReader#livePosition}).
     */
    void activateAt(RecoveryJob job, long position);

    /** The job's {@code since} cannot be honoured: the session gets the live stream only, {@code recovered: false}. */
    void activateNow(RecoveryJob job);

    /** The job failed after it began (its session is being closed): forget it. */
    void abandon(RecoveryJob job);
}
