package io.switchboard.e2e.bench;

import io.switchboard.schemas.avro.PayloadEncoding;

/**
 * One way of getting the same 20 KiB JSON to every client: how the payload is stored in Kafka, whether the gateway
 * offers permessage-deflate, and what the clients announce.
 */
enum Mode {
    PLAIN("a", "no compression", PayloadEncoding.NONE, false, false, Expect.TEXT),
    PERMESSAGE_DEFLATE("b", "permessage-deflate (level 6)", PayloadEncoding.NONE, true, false, Expect.DEFLATED_TEXT),
    COMPRESS_ONCE("c", "compress-once, clients accept gzip", PayloadEncoding.GZIP, false, true, Expect.GZIP_BINARY),
    COMPRESS_ONCE_PLAIN_CLIENTS(
            "d", "compress-once, clients announce nothing", PayloadEncoding.GZIP, false, false, Expect.TEXT);

    /** The form a delivered message must arrive in, checked on sample connections. */
    enum Expect {
        /** A {@code message} text frame, uncompressed. */
        TEXT,
        /** A {@code message} text frame compressed by permessage-deflate (RSV1 set). */
        DEFLATED_TEXT,
        /** A binary frame, kind COMPRESSED_JSON, encoding gzip, whose payload inflates to the original JSON. */
        GZIP_BINARY
    }

    final String letter;
    final String label;
    final PayloadEncoding stored;
    final boolean permessageDeflate;
    final boolean acceptGzip;
    final Expect expect;

    Mode(
            String letter,
            String label,
            PayloadEncoding stored,
            boolean permessageDeflate,
            boolean acceptGzip,
            Expect expect) {
        this.letter = letter;
        this.label = label;
        this.stored = stored;
        this.permessageDeflate = permessageDeflate;
        this.acceptGzip = acceptGzip;
        this.expect = expect;
    }

    /** The query string of the upgrade request. */
    String query() {
        return acceptGzip ? "?accept_encoding=gzip" : "";
    }

    static Mode byLetter(String letter) {
        for (Mode mode : values()) {
            if (mode.letter.equals(letter)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("no mode '" + letter + "' (a, b, c, d)");
    }
}
