package io.switchboard.gateway.protocol;

import io.switchboard.schemas.avro.PayloadEncoding;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The payload encodings a client may announce in {@code accept_encoding} (PROTOCOL.md, "Connecting"), by the names it
 * uses there: {@code gzip}, {@code deflate} (raw), {@code zstd}.
 */
public final class ContentEncodings {
    private ContentEncodings() {}

    /** The encoding a client means by {@code name} (any case); empty for a name the gateway does not know. */
    public static Optional<PayloadEncoding> named(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "gzip" -> Optional.of(PayloadEncoding.GZIP);
            case "deflate" -> Optional.of(PayloadEncoding.DEFLATE);
            case "zstd" -> Optional.of(PayloadEncoding.ZSTD);
            default -> Optional.empty();
        };
    }

    /**
     * The known encodings among {@code names}, as an unmodifiable set whose {@code contains} is a bit test: the
     * per-connection choice of a delivery's form ({@link DeliveryFrames#frameFor}) costs no more than that.
     */
    public static Set<PayloadEncoding> of(Collection<String> names) {
        EnumSet<PayloadEncoding> encodings = EnumSet.noneOf(PayloadEncoding.class);
        for (String name : names) {
            named(name).ifPresent(encodings::add);
        }
        return Collections.unmodifiableSet(encodings);
    }
}
