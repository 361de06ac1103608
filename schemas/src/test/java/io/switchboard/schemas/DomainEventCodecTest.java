package io.switchboard.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.schemas.avro.DomainEvent;
import io.switchboard.schemas.avro.Payload;
import io.switchboard.schemas.avro.PayloadEncoding;
import io.switchboard.schemas.avro.PayloadKind;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DomainEventCodecTest {

    @Test
    void readsTheJsonFormatOfTheDesign() throws Exception {
        DomainEvent event = decode("""
                {"id":"e-1","channel":"book_requests","event":"status_changed",
                 "data":{"request_id":7,"status":"approved","ratio":0.10},
                 "audience":{"users":["alice"],"roles":["admin"]}}
                """);

        assertThat(event.getId()).isEqualTo("e-1");
        assertThat(event.getChannel()).isEqualTo("book_requests");
        assertThat(event.getEvent()).isEqualTo("status_changed");
        assertThat(text(event.getPayload())).isEqualTo("{\"request_id\":7,\"status\":\"approved\",\"ratio\":0.1}");
        assertThat(event.getPayload().getKind()).isEqualTo(PayloadKind.JSON);
        assertThat(event.getAudience().getUsers()).containsExactly("alice");
        assertThat(event.getAudience().getRoles()).containsExactly("admin");
    }

    @Test
    void readsTheReceiptsFlagFalseWhenLeftOut() throws Exception {
        assertThat(decode("{\"id\":\"e-1\",\"channel\":\"user:alice\",\"receipts\":true}")
                        .getReceipts())
                .isTrue();
        assertThat(decode("{\"id\":\"e-1\",\"channel\":\"user:alice\"}").getReceipts())
                .isFalse();
        assertThat(decode("{\"id\":\"e-1\",\"channel\":\"metrics\",\"audience\":{\"users\":[\"a\"]},"
                                + "\"receipts\":true}")
                        .getReceipts())
                .isTrue();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"channel\":\"user:alice\",\"receipts\":true} | 'receipts' is true but the event has no 'id'",
                "{\"id\":\"\",\"channel\":\"user:alice\",\"receipts\":true} | 'receipts' is true but the event has no 'id'",
                "{\"id\":\"e\",\"channel\":\"metrics\",\"receipts\":true} | 'receipts' is true but the event reaches no personal channel (user:<id>, or an audience)",
                "{\"id\":\"e\",\"channel\":\"user:alice\",\"receipts\":\"yes\"} | 'receipts' must be true or false"
            })
    void refusesReceiptsThatCannotBeAnswered(String json, String reason) {
        assertThatThrownBy(() -> decode(json))
                .isInstanceOf(InvalidEventException.class)
                .hasMessage(reason);
    }

    @Test
    void keepsNumbersExact() throws Exception {
        String data = "[12345678901234567890123,0.1000000000000000055511151231257827]";
        assertThat(text(decode("{\"channel\":\"metrics\",\"data\":" + data + "}")
                        .getPayload()))
                .isEqualTo(data);
    }

    @Test
    void treatsMissingDataAsJsonNull() throws Exception {
        assertThat(text(decode("{\"channel\":\"metrics\"}").getPayload())).isEqualTo("null");
    }

    @Test
    void acceptsAnAudienceWithoutChannel() throws Exception {
        DomainEvent event = decode("{\"audience\":{\"roles\":[\"admin\"]},\"data\":1}");
        assertThat(event.getChannel()).isNull();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "not json at all|not valid JSON",
                "[1,2]|must be a JSON object",
                "{\"data\":1}|'channel' is required",
                "{\"channel\":\"Metrics\"}|invalid 'channel'",
                "{\"channel\":7}|'channel' must be a string",
                "{\"channel\":\"metrics\",\"colour\":1}|unknown field 'colour'",
                "{\"channel\":\"metrics\",\"channel\":\"status\"}|not valid JSON",
                "{\"audience\":{\"users\":\"alice\"}}|must be an array",
                "{\"audience\":{\"users\":[]}}|'channel' is required",
            })
    void rejectsInvalidEventsWithAReason(String json, String reason) {
        assertThatThrownBy(() -> decode(json))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining(reason);
    }

    @Test
    void rejectsAnEmptyValue() {
        assertThatThrownBy(() -> DomainEventCodec.decode(new byte[0])).hasMessageContaining("empty");
    }

    @Test
    void readsAvroSingleObjectEvents() throws Exception {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G'};
        DomainEvent original = DomainEvent.newBuilder()
                .setChannel("status")
                .setEvent("snapshot")
                .setPayload(Payload.newBuilder()
                        .setKind(PayloadKind.IMAGE)
                        .setContentType("image/png")
                        .setEncoding(PayloadEncoding.NONE)
                        .setData(ByteBuffer.wrap(png))
                        .build())
                .build();

        DomainEvent decoded = DomainEventCodec.decode(DomainEventCodec.encodeAvro(original));

        assertThat(decoded).isEqualTo(original);
    }

    @Test
    void rejectsCorruptAvro() {
        byte[] corrupt = {(byte) 0xC3, 0x01, 1, 2, 3};
        assertThatThrownBy(() -> DomainEventCodec.decode(corrupt))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("not a valid Avro DomainEvent");
    }

    private static DomainEvent decode(String json) throws InvalidEventException {
        return DomainEventCodec.decode(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String text(Payload payload) {
        ByteBuffer data = payload.getData().duplicate();
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    void acceptsACompressedJsonPayloadThatInflatesToJson() throws Exception {
        byte[] json = "{\"status\":\"approved\"}".getBytes(StandardCharsets.UTF_8);
        DomainEvent event = compressedEvent(
                PayloadKind.JSON, PayloadEncoding.GZIP, PayloadDeflater.compress(PayloadEncoding.GZIP, json));

        assertThat(DomainEventCodec.decode(DomainEventCodec.encodeAvro(event))
                        .getPayload()
                        .getEncoding())
                .isEqualTo(PayloadEncoding.GZIP);
    }

    @Test
    void refusesACompressedJsonPayloadThatIsNotJson() {
        byte[] notJson = PayloadDeflater.compress(PayloadEncoding.ZSTD, "{oops".getBytes(StandardCharsets.UTF_8));
        DomainEvent event = compressedEvent(PayloadKind.JSON, PayloadEncoding.ZSTD, notJson);

        assertThatThrownBy(() -> DomainEventCodec.decode(DomainEventCodec.encodeAvro(event)))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("not valid JSON");
    }

    @Test
    void refusesACompressedPayloadThatIsNotInItsEncoding() {
        DomainEvent event = compressedEvent(PayloadKind.IMAGE, PayloadEncoding.GZIP, new byte[] {1, 2, 3, 4});

        assertThatThrownBy(() -> DomainEventCodec.decode(DomainEventCodec.encodeAvro(event)))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("cannot inflate GZIP payload");
    }

    @Test
    void refusesADecompressionBomb() {
        byte[] bomb =
                PayloadDeflater.compress(PayloadEncoding.DEFLATE, new byte[DomainEventCodec.MAX_INFLATED_BYTES + 1]);
        DomainEvent event = compressedEvent(PayloadKind.CUSTOM, PayloadEncoding.DEFLATE, bomb);

        assertThatThrownBy(() -> DomainEventCodec.decode(DomainEventCodec.encodeAvro(event)))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("inflates to more than");
    }

    private static DomainEvent compressedEvent(PayloadKind kind, PayloadEncoding encoding, byte[] data) {
        return DomainEvent.newBuilder()
                .setChannel("metrics")
                .setPayload(Payload.newBuilder()
                        .setKind(kind)
                        .setContentType(kind == PayloadKind.JSON ? "application/json" : "application/octet-stream")
                        .setEncoding(encoding)
                        .setData(ByteBuffer.wrap(data))
                        .build())
                .build();
    }
}
