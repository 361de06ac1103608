package io.switchboard.load.producer;

import java.nio.charset.StandardCharsets;

/**
 * The domain event the producer writes: {@code {"channel":…,"event":"load","data":{"t":…,"seq":…}}}, where {@code t}
 * is the produce time in epoch microseconds and {@code seq} numbers the channel's events from 1; with padding,
 * {@code data} also holds {@code "pad":"xx…"} of that many bytes.
 */
public final class EventJson {
    private final String prefix;
    private final String suffix;

    public EventJson(String channel, int padBytes) {
        this.prefix = "{\"channel\":\"" + channel + "\",\"event\":\"load\",\"data\":{\"t\":";
        this.suffix = (padBytes > 0 ? ",\"pad\":\"" + "x".repeat(padBytes) + "\"" : "") + "}}";
    }

    public byte[] bytes(long seq, long epochMicros) {
        return (prefix + epochMicros + ",\"seq\":" + seq + suffix).getBytes(StandardCharsets.UTF_8);
    }
}
