package io.switchboard.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UpgradeHandlerTest {

    @Test
    void redactsEveryCredentialParameterAndKeepsTheRest() {
        assertThat(UpgradeHandler.redactQuery("access_token=eyJ.a.b&accept_encoding=gzip"))
                .isEqualTo("access_token=REDACTED&accept_encoding=gzip");
        assertThat(UpgradeHandler.redactQuery("resume=r-1&access%5Ftoken=eyJ.a.b&access_token"))
                .isEqualTo("resume=REDACTED&access%5Ftoken=REDACTED&access_token=REDACTED");
        assertThat(UpgradeHandler.redactQuery("x=%zz&access_token=t")).isEqualTo("x=%zz&access_token=REDACTED");
        assertThat(UpgradeHandler.redactQuery("")).isEmpty();
        assertThat(UpgradeHandler.redactQuery(null)).isNull();
    }
}
