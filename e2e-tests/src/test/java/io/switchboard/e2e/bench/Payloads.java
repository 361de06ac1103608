package io.switchboard.e2e.bench;

import io.switchboard.processor.compression.CompressionSettings;
import io.switchboard.processor.compression.PayloadCompressor;
import io.switchboard.schemas.avro.Payload;
import io.switchboard.schemas.avro.PayloadEncoding;
import io.switchboard.schemas.avro.PayloadKind;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The benchmark's JSON payloads: each one different (its own seed), so that permessage-deflate, whose window keeps
 * the previous message, cannot point back at an identical copy; alike in shape, as messages of one channel are. An
 * object holding an array of order records with ids, names, timestamps, amounts and nested line items, filled up to
 * {@link #TARGET_BYTES}. The gzip form is what the processor's compression writes ({@link PayloadCompressor}).
 */
final class Payloads {
    static final int TARGET_BYTES = 20 * 1024;

    private static final List<String> FIRST = List.of(
            "Ada",
            "Grace",
            "Alan",
            "Edsger",
            "Barbara",
            "Donald",
            "Margaret",
            "Ken",
            "Dennis",
            "Frances",
            "John",
            "Radia",
            "Niklaus",
            "Sophie",
            "Tim",
            "Linus",
            "Guido",
            "Bjarne",
            "Anita",
            "Leslie");
    private static final List<String> LAST = List.of(
            "Lovelace",
            "Hopper",
            "Turing",
            "Dijkstra",
            "Liskov",
            "Knuth",
            "Hamilton",
            "Thompson",
            "Ritchie",
            "Allen",
            "McCarthy",
            "Perlman",
            "Wirth",
            "Wilson",
            "Berners-Lee",
            "Torvalds",
            "van Rossum",
            "Stroustrup",
            "Borg",
            "Lamport");
    private static final List<String> CITIES =
            List.of("Lisbon", "Oslo", "Nairobi", "Osaka", "Lima", "Quebec", "Tallinn", "Perth", "Porto", "Accra");
    private static final List<String> STATUS = List.of("pending", "paid", "packed", "shipped", "delivered", "returned");
    private static final List<String> TAGS =
            List.of("gift", "express", "fragile", "b2b", "repeat", "promo", "bulk", "priority", "eco", "late");

    private final byte[][] json;
    private final byte[][] gzip;

    private Payloads(byte[][] json, byte[][] gzip) {
        this.json = json;
        this.gzip = gzip;
    }

    /** {@code count} payloads, payload {@code i} from seed {@code seed + i}, with their gzip forms. */
    static Payloads generate(int count, long seed) {
        byte[][] json = new byte[count][];
        byte[][] gzip = new byte[count][];
        PayloadCompressor compressor = new PayloadCompressor(CompressionSettings.defaults());
        for (int i = 0; i < count; i++) {
            json[i] = document(new Random(seed + i)).getBytes(StandardCharsets.UTF_8);
            Payload stored = compressor
                    .compress("metrics", payload(PayloadEncoding.NONE, json[i]))
                    .payload();
            if (stored.getEncoding() != PayloadEncoding.GZIP) {
                throw new IllegalStateException("the processor would not compress payload " + i);
            }
            gzip[i] = bytes(stored.getData());
        }
        return new Payloads(json, gzip);
    }

    int count() {
        return json.length;
    }

    byte[] json(int i) {
        return json[i];
    }

    /** Payload {@code i} as stored in Kafka in {@code encoding} (NONE or GZIP). */
    Payload stored(int i, PayloadEncoding encoding) {
        return payload(encoding, encoding == PayloadEncoding.GZIP ? gzip[i] : json[i]);
    }

    double averageJsonBytes() {
        return average(json);
    }

    double averageGzipBytes() {
        return average(gzip);
    }

    private static double average(byte[][] all) {
        long sum = 0;
        for (byte[] one : all) {
            sum += one.length;
        }
        return (double) sum / all.length;
    }

    private static Payload payload(PayloadEncoding encoding, byte[] data) {
        return new Payload(PayloadKind.JSON, "application/json", encoding, ByteBuffer.wrap(data));
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }

    private static String document(Random random) {
        StringBuilder out = new StringBuilder(TARGET_BYTES + 1024);
        Instant generated = Instant.ofEpochSecond(1_790_000_000L + random.nextInt(10_000_000));
        out.append("{\"report\":\"orders\",\"generated_at\":\"")
                .append(generated)
                .append("\",\"orders\":[");
        String separator = "";
        for (int n = 0; ; n++) {
            String order = order(random, n, generated);
            if (out.length() + separator.length() + order.length() + 2 > TARGET_BYTES) {
                break;
            }
            out.append(separator).append(order);
            separator = ",";
        }
        return out.append("]}").toString();
    }

    private static String order(Random random, int n, Instant generated) {
        String first = pick(random, FIRST);
        String last = pick(random, LAST);
        StringBuilder out = new StringBuilder(512);
        out.append(String.format(
                Locale.ROOT,
                "{\"id\":\"ord-%016x\",\"seq\":%d,\"created_at\":\"%s\",\"status\":\"%s\","
                        + "\"customer\":{\"id\":%d,\"name\":\"%s %s\",\"email\":\"%s.%s%d@example.com\","
                        + "\"address\":{\"city\":\"%s\",\"zip\":\"%05d\",\"geo\":[%.5f,%.5f]}},\"lines\":[",
                random.nextLong(),
                n,
                generated.minusSeconds(random.nextInt(86_400 * 30)),
                pick(random, STATUS),
                100_000 + random.nextInt(900_000),
                first,
                last,
                first.toLowerCase(Locale.ROOT),
                last.toLowerCase(Locale.ROOT).replace(' ', '-'),
                random.nextInt(100),
                pick(random, CITIES),
                random.nextInt(100_000),
                random.nextDouble() * 180 - 90,
                random.nextDouble() * 360 - 180));
        int lines = 1 + random.nextInt(3);
        long cents = 0;
        for (int i = 0; i < lines; i++) {
            int quantity = 1 + random.nextInt(5);
            int price = 99 + random.nextInt(20_000);
            cents += (long) quantity * price;
            out.append(i == 0 ? "" : ",")
                    .append(String.format(
                            Locale.ROOT,
                            "{\"sku\":\"SKU-%06d\",\"qty\":%d,\"unit_price\":%d.%02d}",
                            random.nextInt(1_000_000),
                            quantity,
                            price / 100,
                            price % 100));
        }
        out.append(String.format(
                Locale.ROOT,
                "],\"total\":%d.%02d,\"currency\":\"EUR\",\"tags\":[\"%s\"],\"paid\":%b}",
                cents / 100,
                cents % 100,
                pick(random, TAGS),
                random.nextBoolean()));
        return out.toString();
    }

    private static String pick(Random random, List<String> values) {
        return values.get(random.nextInt(values.size()));
    }
}
