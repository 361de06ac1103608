package io.switchboard.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.schemas.avro.ClientAction;
import io.switchboard.schemas.avro.Disconnect;
import io.switchboard.schemas.avro.Granted;
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

/** Records written by the version before (protocol v1.0: no presence in the unions) still decode into today's. */
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
    void theEarlierSchemasAreNotTodays() {
        assertThat(SchemaNormalization.parsingFingerprint64(earlier("ClientAction")))
                .isNotEqualTo(SchemaNormalization.parsingFingerprint64(ClientAction.getClassSchema()));
        assertThat(SchemaNormalization.parsingFingerprint64(earlier("Reply")))
                .isNotEqualTo(SchemaNormalization.parsingFingerprint64(Reply.getClassSchema()));
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
        try (InputStream in = EarlierSchemas.class.getResourceAsStream("earlier/" + name + "-v1.0.avsc")) {
            return new Schema.Parser().parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
