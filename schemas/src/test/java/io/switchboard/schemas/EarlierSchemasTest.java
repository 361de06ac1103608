package io.switchboard.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.schemas.avro.ChannelPosition;
import io.switchboard.schemas.avro.ClientAction;
import io.switchboard.schemas.avro.Disconnect;
import io.switchboard.schemas.avro.DomainEvent;
import io.switchboard.schemas.avro.Granted;
import io.switchboard.schemas.avro.Publish;
import io.switchboard.schemas.avro.Published;
import io.switchboard.schemas.avro.Reply;
import io.switchboard.schemas.avro.Resumed;
import io.switchboard.schemas.avro.SessionSnapshot;
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
 * flags; v1.1 with receipts: channel positions without the presence flag) still decode into today's.
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

        ClientAction decoded = SwitchboardSerdes.clientAction()
                .decode(encode(schema, clientAction(schema, List.of("viewer"), null, disconnect)));

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

        Reply decoded = SwitchboardSerdes.reply().decode(encode(schema, reply(schema, "c-1", "s-1", granted)));

        assertThat(decoded).isEqualTo(new Reply("c-1", "s-1", TIME, new Granted("metrics", null)));
    }

    @Test
    void decodesAPublishThatAGatewayOfTheVersionBeforeReceiptsWrote() {
        Schema schema = earlier("ClientAction", "v1.1-presence");
        Schema publishSchema = schema.getField("action").schema().getTypes().get(4);
        GenericRecord publish = new GenericData.Record(publishSchema);
        publish.put("channel", "metrics");
        publish.put("event", null);
        publish.put(
                "payload",
                payload(publishSchema.getField("payload").schema(), "JSON", "application/json", new byte[] {'1'}));

        ClientAction decoded =
                SwitchboardSerdes.clientAction().decode(encode(schema, clientAction(schema, List.of(), "p", publish)));

        assertThat(decoded.getAction()).isInstanceOfSatisfying(Publish.class, p -> {
            assertThat(p.getChannel()).isEqualTo("metrics");
            assertThat(p.getReceipts()).isFalse();
        });
    }

    @Test
    void decodesAnAvroEventOfAServiceThatPredatesReceipts() {
        Schema schema = earlier("DomainEvent", "v1.0");
        GenericRecord event = new GenericData.Record(schema);
        event.put("id", "e-1");
        event.put("channel", "user:alice");
        event.put("event", null);
        event.put("payload", payload(schema.getField("payload").schema(), "IMAGE", "image/png", new byte[] {1, 2}));
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

        Reply decoded = SwitchboardSerdes.reply().decode(encode(schema, reply(schema, "c-1", "p-1", published)));

        assertThat(decoded).isEqualTo(new Reply("c-1", "p-1", TIME, new Published("metrics", 58L, null)));
    }

    @Test
    void decodesTheDeliveredPositionsOfADisconnectThatAGatewayOfTheVersionBeforePresenceResumedWrote() {
        Schema schema = earlier("ClientAction", "v1.1-receipts");
        Schema disconnectSchema = schema.getField("action").schema().getTypes().get(1);
        GenericRecord disconnect = new GenericData.Record(disconnectSchema);
        disconnect.put("closeCode", 1006);
        disconnect.put("delivered", List.of(position(disconnectSchema.getField("delivered"), "forum_threads:42", 7L)));

        ClientAction decoded = SwitchboardSerdes.clientAction()
                .decode(encode(schema, clientAction(schema, List.of("viewer"), null, disconnect)));

        assertThat(decoded.getAction())
                .isEqualTo(new Disconnect(1006, List.of(new ChannelPosition("forum_threads:42", 7L, "T:1", false))));
    }

    @Test
    void decodesAResumedThatAProcessorOfTheVersionBeforePresenceResumedWrote() {
        Schema schema = earlier("Reply", "v1.1-receipts");
        Schema resumedSchema = schema.getField("body").schema().getTypes().get(5);
        GenericRecord resumed = new GenericData.Record(resumedSchema);
        resumed.put("userId", "alice");
        resumed.put("roles", List.of("viewer"));
        resumed.put("credentialsExpireAt", null);
        resumed.put("channels", List.of(position(resumedSchema.getField("channels"), "forum_threads:42", 7L)));

        Reply decoded = SwitchboardSerdes.reply().decode(encode(schema, reply(schema, "c-2", null, resumed)));

        assertThat(decoded.getBody())
                .isEqualTo(new Resumed(
                        "alice",
                        List.of("viewer"),
                        null,
                        List.of(new ChannelPosition("forum_threads:42", 7L, "T:1", false))));
    }

    @Test
    void decodesASessionThatAProcessorOfTheVersionBeforePresenceResumedKept() {
        Schema schema = earlier("SessionSnapshot", "v1.1-receipts");
        GenericRecord session = new GenericData.Record(schema);
        session.put("userId", "alice");
        session.put("roles", List.of("viewer"));
        session.put("credentialsExpireAt", null);
        session.put("channels", List.of(position(schema.getField("channels"), "forum_threads:42", 7L)));
        session.put("expiresAt", TIME.toEpochMilli());
        session.put("used", false);

        SessionSnapshot decoded = SwitchboardSerdes.sessionSnapshot().decode(encode(schema, session));

        assertThat(decoded)
                .isEqualTo(new SessionSnapshot(
                        "alice",
                        List.of("viewer"),
                        null,
                        List.of(new ChannelPosition("forum_threads:42", 7L, "T:1", false)),
                        TIME,
                        false));
    }

    @Test
    void todaysPositionsKeepTheirPresenceFlagThroughEverySerdeThatCarriesThem() {
        ChannelPosition withPresence = new ChannelPosition("forum_threads:42", 7L, "T:1", true);
        SessionSnapshot session =
                new SessionSnapshot("alice", List.of("viewer"), null, List.of(withPresence), TIME, false);
        Reply resumed =
                new Reply("c-2", null, TIME, new Resumed("alice", List.of("viewer"), null, List.of(withPresence)));
        ClientAction disconnect = new ClientAction(
                "c-1", "gw-1", "alice", List.of(), TIME, null, new Disconnect(1000, List.of(withPresence)));

        AvroSerde<SessionSnapshot> sessions = SwitchboardSerdes.sessionSnapshot();
        AvroSerde<Reply> replies = SwitchboardSerdes.reply();
        AvroSerde<ClientAction> actions = SwitchboardSerdes.clientAction();
        assertThat(sessions.decode(sessions.encode(session))).isEqualTo(session);
        assertThat(replies.decode(replies.encode(resumed))).isEqualTo(resumed);
        assertThat(actions.decode(actions.encode(disconnect))).isEqualTo(disconnect);
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
        assertThat(SchemaNormalization.parsingFingerprint64(earlier("ClientAction", "v1.1-receipts")))
                .isNotEqualTo(SchemaNormalization.parsingFingerprint64(ClientAction.getClassSchema()));
        assertThat(SchemaNormalization.parsingFingerprint64(earlier("SessionSnapshot", "v1.1-receipts")))
                .isNotEqualTo(SchemaNormalization.parsingFingerprint64(SessionSnapshot.getClassSchema()));
    }

    /** A ClientAction of the earlier {@code schema}: alice's connection c-1 on gw-1 at TIME, carrying {@code action}. */
    private static GenericRecord clientAction(
            Schema schema, List<String> roles, String requestId, GenericRecord action) {
        GenericRecord record = new GenericData.Record(schema);
        record.put("connectionId", "c-1");
        record.put("gatewayId", "gw-1");
        record.put("userId", "alice");
        record.put("roles", roles);
        record.put("time", TIME.toEpochMilli());
        record.put("requestId", requestId);
        record.put("action", action);
        return record;
    }

    /** A Reply of the earlier {@code schema} at TIME, carrying {@code body}. */
    private static GenericRecord reply(Schema schema, String connectionId, String requestId, GenericRecord body) {
        GenericRecord record = new GenericData.Record(schema);
        record.put("connectionId", connectionId);
        record.put("requestId", requestId);
        record.put("time", TIME.toEpochMilli());
        record.put("body", body);
        return record;
    }

    /** A Payload of the earlier {@code schema}: {@code data} of {@code kind}, not compressed (encoding NONE). */
    private static GenericRecord payload(Schema schema, String kind, String contentType, byte[] data) {
        GenericRecord record = new GenericData.Record(schema);
        record.put("kind", new GenericData.EnumSymbol(schema.getField("kind").schema(), kind));
        record.put("contentType", contentType);
        record.put(
                "encoding",
                new GenericData.EnumSymbol(schema.getField("encoding").schema(), "NONE"));
        record.put("data", ByteBuffer.wrap(data));
        return record;
    }

    /** A ChannelPosition of the earlier schema of {@code arrayField}, an array of them, in epoch {@code T:1}. */
    private static GenericRecord position(Schema.Field arrayField, String channel, long offset) {
        GenericRecord position = new GenericData.Record(arrayField.schema().getElementType());
        position.put("channel", channel);
        position.put("offset", offset);
        position.put("epoch", "T:1");
        return position;
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
