package io.switchboard.schemas;

import static io.switchboard.schemas.PayloadDeflater.compress;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.schemas.avro.PayloadEncoding;
import java.io.InputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PayloadInflaterTest {
    private static final int BOUND = 10_000;

    private final PayloadInflater inflater = new PayloadInflater(BOUND);

    @ParameterizedTest
    @EnumSource(PayloadEncoding.class)
    void inflatesAPayloadOfExactlyTheBound(PayloadEncoding encoding) {
        byte[] data = new byte[BOUND];
        data[BOUND - 1] = 1;

        assertThat(inflater.inflate(encoding, compress(encoding, data))).isEqualTo(data);
    }

    @ParameterizedTest
    @EnumSource(
            value = PayloadEncoding.class,
            names = {"GZIP", "DEFLATE", "ZSTD"})
    void stopsAtTheFirstByteBeyondTheBound(PayloadEncoding encoding) throws Exception {
        byte[] bomb = compress(encoding, new byte[100 * BOUND]);

        try (InputStream in = inflater.open(encoding, bomb)) {
            assertThatThrownBy(in::readAllBytes)
                    .isInstanceOf(PayloadInflater.TooLargeException.class)
                    .hasMessage("inflates to more than " + BOUND + " bytes");
        }
        assertThatThrownBy(() -> inflater.inflate(encoding, bomb))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("more than " + BOUND);
    }

    @ParameterizedTest
    @EnumSource(
            value = PayloadEncoding.class,
            names = {"GZIP", "DEFLATE", "ZSTD"})
    void refusesDataThatIsNotInItsEncoding(PayloadEncoding encoding) {
        byte[] truncated =
                compress(encoding, "hello hello hello hello".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        byte[] broken = java.util.Arrays.copyOf(truncated, truncated.length / 2);

        assertThatThrownBy(() -> inflater.inflate(encoding, broken)).isInstanceOf(IllegalArgumentException.class);
    }
}
