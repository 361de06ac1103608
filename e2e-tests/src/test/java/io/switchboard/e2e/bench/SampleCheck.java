package io.switchboard.e2e.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;

/**
 * Decodes every message of one sample connection the way a real client would and compares it with what was sent,
 * so that the benchmark cannot count garbage: message 1 is the welcome, 2 the subscribed reply, and message 3 + k
 * carries payload k in the mode's form.
 */
final class SampleCheck {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] DEFLATE_TAIL = {0, 0, (byte) 0xFF, (byte) 0xFF};

    private final Mode.Expect expect;
    private final Payloads payloads;
    private final Inflater inflater;
    private final boolean resetPerMessage;
    private int verified;

    /**
     * @param deflate whether permessage-deflate was negotiated
     * @param serverNoContextTakeover whether the server announced {@code server_no_context_takeover}
     */
    SampleCheck(Mode.Expect expect, Payloads payloads, boolean deflate, boolean serverNoContextTakeover) {
        this.expect = expect;
        this.payloads = payloads;
        this.inflater = deflate ? new Inflater(true) : null;
        this.resetPerMessage = serverNoContextTakeover;
    }

    /** Payload messages that decoded to exactly what was sent. */
    int verified() {
        return verified;
    }

    /** Null when message {@code ordinal} (from 1) is right, otherwise what is wrong with it. */
    String check(int ordinal, int opcode, boolean compressed, byte[] data) {
        try {
            if (compressed && inflater == null) {
                return "RSV1 set without permessage-deflate";
            }
            byte[] message = compressed ? inflate(data) : data;
            String problem = ordinal <= 2
                    ? checkControl(ordinal, opcode, message)
                    : checkPayload(ordinal - 3, opcode, compressed, message);
            if (problem == null && ordinal > 2) {
                verified++;
            }
            return problem;
        } catch (IOException | DataFormatException | RuntimeException e) {
            return e.toString();
        }
    }

    private static String checkControl(int ordinal, int opcode, byte[] message) throws IOException {
        String type = ordinal == 1 ? "welcome" : "subscribed";
        JsonNode frame = JSON.readTree(message);
        return opcode == 1 && frame.path("type").asText().equals(type) ? null : "expected " + type + ", got " + frame;
    }

    private String checkPayload(int k, int opcode, boolean compressed, byte[] message) throws IOException {
        if (k >= payloads.count()) {
            return "more messages than were sent";
        }
        return switch (expect) {
            case TEXT -> compressed ? "compressed by permessage-deflate" : checkText(k, opcode, message);
            case DEFLATED_TEXT -> compressed ? checkText(k, opcode, message) : "not compressed by permessage-deflate";
            case GZIP_BINARY -> checkBinary(k, opcode, message);
        };
    }

    private String checkText(int k, int opcode, byte[] message) throws IOException {
        if (opcode != 1) {
            return "expected a text frame, got opcode " + opcode;
        }
        JsonNode frame = JSON.readTree(message);
        if (!frame.path("type").asText().equals("message")) {
            return "expected a message, got " + frame.path("type");
        }
        return frame.path("data").equals(JSON.readTree(payloads.json(k))) ? null : "data differs from payload " + k;
    }

    private String checkBinary(int k, int opcode, byte[] message) throws IOException {
        if (opcode != 2) {
            return "expected a binary COMPRESSED_JSON frame, got opcode " + opcode;
        }
        ByteBuffer frame = ByteBuffer.wrap(message);
        int magic = frame.get();
        int version = frame.get();
        int kind = frame.get();
        int encoding = frame.get();
        if (magic != 0x53 || version != 1 || kind != 0x04 || encoding != 0x01) {
            return String.format("header %02x %02x %02x %02x, expected 53 01 04 01", magic, version, kind, encoding);
        }
        int metadataLength = frame.getInt();
        JsonNode metadata = JSON.readTree(message, 8, metadataLength);
        if (!metadata.path("type").asText().equals("message")
                || !metadata.path("channel").asText().equals(DeliveryWriter.CHANNEL)) {
            return "metadata " + metadata;
        }
        byte[] gzip = Arrays.copyOfRange(message, 8 + metadataLength, message.length);
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
            return Arrays.equals(in.readAllBytes(), payloads.json(k))
                    ? null
                    : "inflates to other bytes than payload " + k;
        }
    }

    private byte[] inflate(byte[] data) throws DataFormatException {
        byte[] input = Arrays.copyOf(data, data.length + DEFLATE_TAIL.length);
        System.arraycopy(DEFLATE_TAIL, 0, input, data.length, DEFLATE_TAIL.length);
        inflater.setInput(input);
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length * 4);
        byte[] chunk = new byte[16 * 1024];
        int n;
        do {
            n = inflater.inflate(chunk);
            out.write(chunk, 0, n);
        } while (n > 0);
        if (inflater.finished()) {
            inflater.reset(); // a final block ends the stream: the next message starts a new one
        } else if (!inflater.needsInput()) {
            throw new DataFormatException("the inflater stopped before the end of the message");
        }
        if (resetPerMessage) {
            inflater.reset();
        }
        return out.toByteArray();
    }
}
