package io.switchboard.processor.compression;

import java.nio.charset.StandardCharsets;

/** A JSON array of comment-like objects of about {@code bytes} bytes, varied like real data. */
public final class SampleJson {
    private SampleJson() {}

    public static byte[] ofAbout(int bytes) {
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; json.length() < bytes; i++) {
            json.append(i == 0 ? "" : ",")
                    .append("{\"id\":\"c-")
                    .append(100_000 + i * 7919 % 99_991)
                    .append("\",\"author\":\"user-")
                    .append(i * 31 % 97)
                    .append("\",\"created\":\"2026-11-20T09:")
                    .append(10 + i % 50)
                    .append(":00Z\",\"likes\":")
                    .append(i * 13 % 211)
                    .append(",\"text\":\"Comment number ")
                    .append(i)
                    .append(" on the track, mixing at ")
                    .append(i * 17 % 60)
                    .append(" seconds is great\"}");
        }
        return json.append("]").toString().getBytes(StandardCharsets.UTF_8);
    }
}
