package io.switchboard.gateway.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.schemas.avro.PayloadEncoding;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ContentEncodingsTest {

    @Test
    void knowsTheThreeEncodingsOfAcceptEncodingInAnyCase() {
        assertThat(ContentEncodings.named("gzip")).contains(PayloadEncoding.GZIP);
        assertThat(ContentEncodings.named("Deflate")).contains(PayloadEncoding.DEFLATE);
        assertThat(ContentEncodings.named("ZSTD")).contains(PayloadEncoding.ZSTD);
        assertThat(ContentEncodings.named("none")).isEmpty();
        assertThat(ContentEncodings.named("br")).isEmpty();
    }

    @Test
    void collectsTheKnownEncodingsIntoAnUnmodifiableSet() {
        Set<PayloadEncoding> accepted = ContentEncodings.of(List.of("zstd", "brotli", "gzip", "zstd"));

        assertThat(accepted).containsExactlyInAnyOrder(PayloadEncoding.ZSTD, PayloadEncoding.GZIP);
        assertThatThrownBy(() -> accepted.add(PayloadEncoding.NONE)).isInstanceOf(UnsupportedOperationException.class);
        assertThat(ContentEncodings.of(List.of())).isEmpty();
    }
}
