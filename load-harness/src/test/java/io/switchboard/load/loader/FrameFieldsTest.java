package io.switchboard.load.loader;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FrameFieldsTest {
    private static ByteBuffer frame(String json) {
        return ByteBuffer.wrap(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsAMessagesChannelOffsetAndEpoch() {
        String json = "{\"type\":\"message\",\"channel\":\"user:u7\",\"offset\":57,\"epoch\":\"abc:2\","
                + "\"event\":\"scale\",\"data\":{\"t\":1,\"seq\":3},\"ts\":9}";
        ByteBuffer b = frame(json);
        assertThat(FrameFields.personal(b, 0, json.length())).isTrue();
        assertThat(FrameFields.channel(b, 0, json.length())).isEqualTo("user:u7");
        assertThat(FrameFields.offset(b, 0, json.length())).isEqualTo(57);
        assertThat(FrameFields.epoch(b, 0, json.length())).isEqualTo("abc:2");
    }

    @Test
    void aSharedChannelIsNotPersonal() {
        String json = "{\"type\":\"message\",\"channel\":\"forum_threads:3\",\"offset\":1,\"data\":{\"user\":\"x\"}}";
        assertThat(FrameFields.personal(frame(json), 0, json.length())).isFalse();
    }

    @Test
    void readsASubscribedReply() {
        String json = "{\"type\":\"subscribed\",\"id\":\"r\",\"channel\":\"forum_threads:3\","
                + "\"position\":{\"offset\":41,\"epoch\":\"e:0\"},\"recovered\":false}";
        ByteBuffer b = frame(json);
        assertThat(FrameFields.id(b, 0, json.length())).isEqualTo("r");
        assertThat(FrameFields.offset(b, 0, json.length())).isEqualTo(41);
        assertThat(FrameFields.notRecovered(b, 0, json.length())).isTrue();
        String live = "{\"type\":\"subscribed\",\"channel\":\"user:u1\",\"position\":{\"offset\":0,\"epoch\":\"e\"}}";
        assertThat(FrameFields.id(frame(live), 0, live.length())).isNull();
        assertThat(FrameFields.notRecovered(frame(live), 0, live.length())).isFalse();
    }

    @Test
    void aStringCutByTheFrameEndIsAbsent() {
        String json = "{\"type\":\"subscribed\",\"id\":\"abc";
        assertThat(FrameFields.id(frame(json), 0, json.length())).isNull();
    }
}
