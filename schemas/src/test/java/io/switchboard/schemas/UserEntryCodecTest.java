package io.switchboard.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.schemas.avro.UserEntry;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UserEntryCodecTest {
    private static final Instant RECORD_TIME = Instant.parse("2026-11-23T10:00:00Z");

    @Test
    void readsTheJsonAnIdentityServiceWrites() {
        UserEntry entry = json("{\"roles\":[\"admin\",\"viewer\",\"admin\"],\"updated_by\":\"idp\"}");

        assertThat(entry.getRoles()).containsExactly("admin", "viewer");
        assertThat(entry.getUpdatedBy()).isEqualTo("idp");
        assertThat(entry.getUpdatedAt()).isEqualTo(RECORD_TIME);
    }

    @Test
    void readsWhatItWritesInAvro() {
        UserEntry written = new UserEntry(List.of("bot"), Instant.parse("2026-01-02T03:04:05Z"), "ops");

        UserEntry read = UserEntryCodec.decode(UserEntryCodec.encode(written), RECORD_TIME);

        assertThat(read).isEqualTo(written);
    }

    @Test
    void anEmptyRoleListIsAValidEntry() {
        assertThat(json("{\"roles\":[]}").getRoles()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "not json",
                "[\"admin\"]",
                "{}",
                "{\"roles\":\"admin\"}",
                "{\"roles\":[1]}",
                "{\"roles\":[\" \"]}",
                "{\"roles\":[],\"role\":[]}",
                "{\"roles\":[],\"updated_by\":5}",
                "{\"roles\":[],\"roles\":[\"admin\"]}"
            })
    void refusesWhatIsNotAnEntry(String value) {
        assertThatThrownBy(() -> json(value)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesBrokenAvro() {
        byte[] broken = {(byte) 0xC3, 0x01, 1, 2, 3};
        assertThatThrownBy(() -> UserEntryCodec.decode(broken, RECORD_TIME))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Avro");
    }

    private static UserEntry json(String value) {
        return UserEntryCodec.decode(value.getBytes(StandardCharsets.UTF_8), RECORD_TIME);
    }
}
