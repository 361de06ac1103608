package io.switchboard.processor.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.processor.compression.GatewayFormats;
import io.switchboard.processor.compression.SampleJson;
import io.switchboard.schemas.avro.Delivery;
import io.switchboard.schemas.avro.PayloadEncoding;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CompressOnceTopologyTest {
    private final TopologyFixture fixture = new TopologyFixture();

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void largeJsonEventIsDeliveredGzippedAndInflatesToTheOriginal() {
        byte[] json = SampleJson.ofAbout(50 * 1024);
        String data = new String(json, StandardCharsets.UTF_8);

        fixture.sendEvent("logs", "{\"id\":\"e-1\",\"channel\":\"logs\",\"event\":\"batch\",\"data\":" + data + "}");

        Delivery delivery = fixture.output("logs").readValue();
        assertThat(delivery.getPayload().getEncoding()).isEqualTo(PayloadEncoding.GZIP);
        byte[] compressed = bytes(delivery.getPayload().getData());
        assertThat(compressed.length).isLessThan(json.length / 2);
        assertThat(GatewayFormats.inflate(PayloadEncoding.GZIP, compressed)).isEqualTo(json);
        assertThat(fixture.counter("compression", "payloads-compressed")).isEqualTo(1.0);
        assertThat(fixture.counter("compression", "bytes-saved")).isEqualTo(json.length - compressed.length);
    }

    @Test
    void smallJsonEventStaysUncompressed() {
        fixture.sendEvent("logs", "{\"id\":\"e-1\",\"channel\":\"logs\",\"event\":\"line\",\"data\":{\"n\":7}}");

        Delivery delivery = fixture.output("logs").readValue();
        assertThat(delivery.getPayload().getEncoding()).isEqualTo(PayloadEncoding.NONE);
        assertThat(new String(bytes(delivery.getPayload().getData()), StandardCharsets.UTF_8))
                .isEqualTo("{\"n\":7}");
        assertThat(fixture.counter("compression", "payloads-compressed")).isZero();
    }

    @Test
    void everyChannelCopyOfAnEventCarriesTheSameCompressedBytes() {
        String data = new String(SampleJson.ofAbout(20 * 1024), StandardCharsets.UTF_8);

        fixture.sendEvent(
                "any", "{\"event\":\"digest\",\"data\":" + data + ",\"audience\":{\"users\":[\"alice\",\"bob\"]}}");

        List<Delivery> copies = fixture.output("user").readValuesToList();
        assertThat(copies).hasSize(2);
        assertThat(copies)
                .allSatisfy(copy -> assertThat(copy.getPayload().getEncoding()).isEqualTo(PayloadEncoding.GZIP));
        assertThat(bytes(copies.get(0).getPayload().getData()))
                .isEqualTo(bytes(copies.get(1).getPayload().getData()));
        assertThat(fixture.counter("compression", "payloads-compressed")).isEqualTo(1.0);
    }

    private static byte[] bytes(ByteBuffer data) {
        ByteBuffer view = data.duplicate();
        byte[] bytes = new byte[view.remaining()];
        view.get(bytes);
        return bytes;
    }
}
