package io.switchboard.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.schemas.avro.ClientAction;
import io.switchboard.schemas.avro.Disconnect;
import io.switchboard.schemas.avro.DomainEvent;
import io.switchboard.schemas.avro.Granted;
import io.switchboard.schemas.avro.Publish;
import io.switchboard.schemas.avro.Published;
import io.switchboard.schemas.avro.Reply;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.junit.jupiter.api.Test;

/**
 * Records written by the versions before (protocol v1.0: no presence in the unions; v1.1 before receipts: no receipts
 * flags) still decode into today's.
 */
class EarlierSchemasTest {
    private static final Instant TIME = Instant.ofEpochMilli(1_763_800_000_123L);

    @Test
    void decodesADisconnectThatAGatewayOfTheVersionBeforeWrote() {
        Schema schema = earlier("ClientAction");
        GenericRecord disconnect = new GenericData.Record(
                schema.getField("action").schema().getTypes().get(1));
        disconnect.put("closeCode", 1001);
        disconnect.put("delivered", List.of());
        GenericRecord action = new GenericData.Record(schema);
        action.put("connectionId", "c-1");
        action.put("gatewayId", "gw-1");
        action.put("userId", "alice");
        action.put("roles", List.of("viewer"));
        action.put("time", TIME.toEpochMilli());
        action.put("requestId", null);
        action.put("action", disconnect);

        ClientAction decoded = SwitchboardSerdes.clientAction().decode(encode(schema, action));

        assertThat(decoded)
                .isEqualTo(new ClientAction(
                        "c-1", "gw-1", "alice", List.of("viewer"), TIME, null, new Disconnect(1001, List.of())));
    }

    @Test
    void decodesAGrantThatAProcessorOfTheVersionBeforeWrote() {
        Schema schema = earlier("Reply");
        GenericRecord granted = new GenericData.Record(
                schema.getField("body").schema().getTypes().get(0));
        granted.put("channel", "metrics");
        granted.put("since", null);
        GenericRecord reply = new GenericData.Record(schema);
        reply.put("connectionId", "c-1");
        reply.put("requestId", "s-1");
        reply.put("time", TIME.toEpochMilli());
        reply.put("body", granted);

        Reply decoded = SwitchboardSerdes.reply().decode(encode(schema, reply));

        assertThat(decoded).isEqualTo(new Reply("c-1", "s-1", TIME, new Granted("metrics", null)));
    }

    @Test
    void decodesAPublishThatAGatewayOfTheVersionBeforeReceiptsWrote() {
        Schema schema = earlier("ClientAction", "v1.1-presence");
        Schema publishSchema = schema.getField("action").schema().getTypes().get(4);
        GenericRecord payload =
                new GenericData.Record(publishSchema.getField("payload").schema());
        payload.put(
                "kind",
                new GenericData.EnumSymbol(payload.getSchema().getField("kind").schema(), "JSON"));
        payload.put("contentType", "application/json");
        payload.put(
                "encoding",
                new GenericData.EnumSymbol(
                        payload.getSchema().getField("encoding").schema(), "NONE"));
        payload.put("data", ByteBuffer.wrap(new byte[] {'1'}));
        GenericRecord publish = new GenericData.Record(publishSchema);
        publish.put("channel", "metrics");
        publish.put("event", null);
        publish.put("payload", payload);
        GenericRecord action = new GenericData.Record(schema);
        action.put("connectionId", "c-1");
        action.put("gatewayId", "gw-1");
        action.put("userId", "alice");
        action.put("roles", List.of());
        action.put("time", TIME.toEpochMilli());
        action.put("requestId", "p");
        action.put("action", publish);

        ClientAction decoded = SwitchboardSerdes.clientAction().decode(encode(schema, action));

        assertThat(decoded.getAction()).isInstanceOfSatisfying(Publish.class, p -> {
            assertThat(p.getChannel()).isEqualTo("metrics");
            assertThat(p.getReceipts()).isFalse();
        });
    }

    @Test
    void decodesAnAvroEventOfAServiceThatPredatesReceipts() {
        Schema schema = earlier("DomainEvent", "v1.0");
        GenericRecord payload =
                new GenericData.Record(schema.getField("payload").schema());
        payload.put(
                "kind",
                new GenericData.EnumSymbol(payload.getSchema().getField("kind").schema(), "IMAGE"));
        payload.put("contentType", "image/png");
        payload.put(
                "encoding",
                new GenericData.EnumSymbol(
                        payload.getSchema().getField("encoding").schema(), "NONE"));
        payload.put("data", ByteBuffer.wrap(new byte[] {1, 2}));
        GenericRecord event = new GenericData.Record(schema);
        event.put("id", "e-1");
        event.put("channel", "user:alice");
        event.put("event", null);
        event.put("payload", payload);
        event.put("audience", null);

        DomainEvent decoded = SwitchboardSerdes.domainEvent().decode(encode(schema, event));

        assertThat(decoded.getId()).isEqualTo("e-1");
        assertThat(decoded.getReceipts()).isFalse();
    }

    @Test
    void decodesAPublishedReplyThatAProcessorOfTheVersionBeforeEventIdsWrote() {
        Schema schema = earlier("Reply", "v1.1-receipts");
        Schema publishedSchema = schema.getField("body").schema().getTypes().stream()
                .filter(type -> type.getName().equals("Published"))
                .findFirst()
                .orElseThrow();
        GenericRecord published = new GenericData.Record(publishedSchema);
        published.put("channel", "metrics");
        published.put("offset", 58L);
        GenericRecord reply = new GenericData.Record(schema);
        reply.put("connectionId", "c-1");
        reply.put("requestId", "p-1");
        reply.put("time", TIME.toEpochMilli());
        reply.put("body", published);

        Reply decoded = SwitchboardSerdes.reply().decode(encode(schema, reply));

        assertThat(decoded).isEqualTo(new Reply("c-1", "p-1", TIME, new Published("metrics", 58L, null)));
    }

    @Test
    void theEarlierSchemasAreNotTodays() {
        assertThat(SchemaNormalization.parsingFingerprint64(earlier("ClientAction")))
                .isNotEqualTo(SchemaNormalization.parsingFingerprint64(ClientAction.getClassSchema()));
        assertThat(SchemaNormalization.parsingFingerprint64(earlier("Reply")))
                .isNotEqualTo(SchemaNormalization.parsingFingerprint64(Reply.getClassSchema()));
        assertThat(SchemaNormalization.parsingFingerprint64(earlier("ClientAction", "v1.1-presence")))
                .isNotEqualTo(SchemaNormalization.parsingFingerprint64(ClientAction.getClassSchema()));
        assertThat(SchemaNormalization.parsingFingerprint64(earlier("Reply", "v1.1-receipts")))
                .isNotEqualTo(SchemaNormalization.parsingFingerprint64(Reply.getClassSchema()));
        assertThat(SchemaNormalization.parsingFingerprint64(earlier("DomainEvent", "v1.0")))
                .isNotEqualTo(SchemaNormalization.parsingFingerprint64(DomainEvent.getClassSchema()));
    }

    private static byte[] encode(Schema schema, GenericRecord record) {
        try {
            ByteBuffer buffer = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), schema).encode(record);
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Schema earlier(String name) {
        return earlier(name, "v1.0");
    }

    private static Schema earlier(String name, String version) {
        try (InputStream in = EarlierSchemas.class.getResourceAsStream("earlier/" + name + "-" + version + ".avsc")) {
            return new Schema.Parser().parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
