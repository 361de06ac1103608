package io.switchboard.load.loader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SourceAddressesTest {
    @Test
    void startsAt127002AndMovesOnEveryPerAddressClients() {
        SourceAddresses addresses = new SourceAddresses(16);

        assertThat(addresses.of(0).getHostAddress()).isEqualTo("127.0.0.2");
        assertThat(addresses.of(15).getHostAddress()).isEqualTo("127.0.0.2");
        assertThat(addresses.of(16).getHostAddress()).isEqualTo("127.0.0.3");
        assertThat(addresses.of(16 * 254).getHostAddress()).isEqualTo("127.0.1.0");
    }

    @Test
    void staysInsideLoopback() {
        assertThatThrownBy(() -> new SourceAddresses(1).of(0x00FF_FFFE)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new SourceAddresses(1).of(0x00FF_FFFC).getHostAddress()).isEqualTo("127.255.255.254");
    }
}
