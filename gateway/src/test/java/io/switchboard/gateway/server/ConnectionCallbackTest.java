package io.switchboard.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConnectionCallbackTest {

    @Test
    void readsKnownAcceptEncodingsOnceInOrder() {
        assertThat(ConnectionCallback.acceptEncodings(List.of("zstd, GZIP,brotli", "gzip,deflate")))
                .containsExactly("zstd", "gzip", "deflate");
        assertThat(ConnectionCallback.acceptEncodings(null)).isEmpty();
    }
}
