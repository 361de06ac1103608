package io.switchboard.launcher.replay;

/**
 * Where replayed copies are written: the output topic of the channel's family, keyed by the channel, which is also
 * the copies' {@code Delivery.channel}.
 */
record ReplayTarget(String topic, String channel) {
    @Override
    public String toString() {
        return channel + " (" + topic + ")";
    }
}
