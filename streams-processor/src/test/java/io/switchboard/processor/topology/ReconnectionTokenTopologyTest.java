package io.switchboard.processor.topology;

import static io.switchboard.processor.topology.TokenRequests.CREDENTIALS_EXPIRE_AT;
import static io.switchboard.processor.topology.TokenRequests.STATUS_AT_5;
import static io.switchboard.processor.topology.TokenRequests.VIEWER;
import static io.switchboard.processor.topology.TokenRequests.sha256Hex;
import static io.switchboard.processor.topology.TokenRequests.tokenInvalid;
import static io.switchboard.processor.topology.TopologyFixture.ACTION_TIME;
import static io.switchboard.processor.topology.TopologyFixture.NOW;
import static io.switchboard.processor.topology.TopologyFixture.TOKEN_TTL;
import static io.switchboard.processor.topology.TopologyFixture.action;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.processor.topology.TokenRequests.Issued;
import io.switchboard.schemas.SwitchboardSerdes;
import io.switchboard.schemas.avro.ChannelPosition;
import io.switchboard.schemas.avro.Connect;
import io.switchboard.schemas.avro.Disconnect;
import io.switchboard.schemas.avro.IssuedToken;
import io.switchboard.schemas.avro.ReconnectionToken;
import io.switchboard.schemas.avro.Reply;
import io.switchboard.schemas.avro.Resumed;
import io.switchboard.schemas.avro.SessionSnapshot;
import io.switchboard.schemas.avro.Subscribe;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One-time reconnection tokens (PROTOCOL.md, "Recovery"): issued by hash, used once, expired after their TTL. */
class ReconnectionTokenTopologyTest {
    static final ChannelPosition THREAD_AT_17 = new ChannelPosition("forum_threads:42", 17L, "epoch-f", false);

    private final TopologyFixture fixture = new TopologyFixture();
    private final TokenRequests tokens = new TokenRequests(fixture);

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void issuesARandomTokenWhoseSha256KeysTheSessionOfTheChannelsTheConnectionHolds() {
        aliceHoldsStatusAndAThread("c-1");
        ChannelPosition notHeld = new ChannelPosition("metrics", 3L, "epoch-m", false);

        TestRecord<String, Reply> reply =
                tokens.issueRecord("c-1", "alice", List.of(STATUS_AT_5, notHeld, THREAD_AT_17));

        assertThat(reply.key()).isEqualTo(TopologyFixture.GATEWAY);
        assertThat(reply.value().getRequestId()).isEqualTo("token-req");
        ReconnectionToken token = (ReconnectionToken) reply.value().getBody();
        assertThat(token.getToken()).hasSize(43).matches("[A-Za-z0-9_-]{43}");
        assertThat(token.getExpiresAt()).isEqualTo(ACTION_TIME.plus(TOKEN_TTL));
        TestRecord<String, SessionSnapshot> session = fixture.sessions.readRecord();
        assertThat(session.key()).isEqualTo(sha256Hex(token.getToken()));
        assertThat(session.value())
                .isEqualTo(SessionSnapshot.newBuilder()
                        .setUserId("alice")
                        .setRoles(VIEWER)
                        .setCredentialsExpireAt(CREDENTIALS_EXPIRE_AT)
                        .setChannels(List.of(STATUS_AT_5, THREAD_AT_17))
                        .setExpiresAt(ACTION_TIME.plus(TOKEN_TTL))
                        .setUsed(false)
                        .build());
        assertThat(fixture.sessionsStore().get(session.key())).isEqualTo(session.value());
        assertThat(fixture.connections().get("c-1").getTokens())
                .containsExactly(new IssuedToken(session.key(), token.getExpiresAt(), CREDENTIALS_EXPIRE_AT));
    }

    @Test
    void keepsOnlyTheHashOfATokenInEveryStoreAndTopicButTheReply() {
        aliceHoldsStatusAndAThread("c-1");
        Issued issued = tokens.issue("c-1", "alice", List.of(STATUS_AT_5));
        tokens.resume("c-2", "gw-2", issued.hash(), ACTION_TIME);

        Set<String> written = fixture.driver.producedTopicNames();
        assertThat(written)
                .contains(fixture.topics.sessions())
                .anyMatch(topic -> topic.endsWith("-sessions-store-changelog"))
                .anyMatch(topic -> topic.endsWith("-connections-store-changelog"));
        for (String topic : written) {
            if (!topic.equals(fixture.topics.replies())) {
                fixture.driver
                        .createOutputTopic(topic, new ByteArrayDeserializer(), new ByteArrayDeserializer())
                        .readRecordsToList()
                        .forEach(record -> assertThat(latin1(record.key()) + latin1(record.value()))
                                .as(topic)
                                .doesNotContain(issued.token()));
            }
        }
        for (String store : List.of(SwitchboardTopology.CONNECTIONS_STORE, SwitchboardTopology.SESSIONS_STORE)) {
            try (KeyValueIterator<String, Object> entries =
                    fixture.driver.<String, Object>getKeyValueStore(store).all()) {
                entries.forEachRemaining(entry -> assertThat(entry.key + entry.value)
                        .as(store)
                        .doesNotContain(issued.token())
                        .contains(issued.hash()));
            }
        }
    }

    @Test
    void drawsEveryTokenFromFreshRandomBytes() {
        aliceHoldsStatusAndAThread("c-1");

        String first = tokens.issue("c-1", "alice", List.of()).token();
        String second = tokens.issue("c-1", "alice", List.of()).token();

        assertThat(first).isNotEqualTo(second).startsWith("AQEB"); // 0x01 0x01 0x01 ...
        assertThat(second).startsWith("AgIC");
        assertThat(fixture.connections().get("c-1").getTokens()).hasSize(2);
    }

    @Test
    void resumesAValidTokenWithItsUserRolesChannelsAndPositionsOnAnyGateway() {
        aliceHoldsStatusAndAThread("c-1");
        Issued issued = tokens.issue("c-1", "alice", List.of(STATUS_AT_5, THREAD_AT_17));

        TestRecord<String, Reply> reply = tokens.resume("c-2", "gw-2", issued.hash(), ACTION_TIME.plusSeconds(30));

        assertThat(reply.key()).isEqualTo("gw-2");
        assertThat(reply.value().getConnectionId()).isEqualTo("c-2");
        assertThat(reply.value().getRequestId()).isNull();
        assertThat(reply.value().getBody())
                .isEqualTo(new Resumed("alice", VIEWER, CREDENTIALS_EXPIRE_AT, List.of(STATUS_AT_5, THREAD_AT_17)));
        assertThat(fixture.sessionsStore().get(issued.hash()).getUsed()).isTrue();
        List<TestRecord<String, SessionSnapshot>> written = fixture.sessions.readRecordsToList();
        assertThat(written).extracting(TestRecord::key).containsOnly(issued.hash());
        assertThat(written).extracting(r -> r.value().getUsed()).containsExactly(false, true);
        assertThat(fixture.counter("sessions", "resumed")).isEqualTo(1.0);
    }

    @Test
    void keepsEachChannelsPresenceFlagFromTheTokenRequestAndTheDisconnectToTheResume() {
        aliceHoldsStatusAndAThread("c-1");
        ChannelPosition threadWithPresence =
                ChannelPosition.newBuilder(THREAD_AT_17).setPresence(true).build();
        Issued issued = tokens.issue("c-1", "alice", List.of(STATUS_AT_5, threadWithPresence));
        assertThat(fixture.sessions.readValue().getChannels()).containsExactly(STATUS_AT_5, threadWithPresence);

        ChannelPosition threadAt20 = new ChannelPosition("forum_threads:42", 20L, "epoch-f", true);
        ChannelPosition statusAt9 = new ChannelPosition("status", 9L, "epoch-s", false);
        fixture.send(action("c-1", "alice", VIEWER, null, new Disconnect(1006, List.of(statusAt9, threadAt20))));
        assertThat(fixture.sessions.readValue().getChannels()).containsExactly(statusAt9, threadAt20);

        Object resumed = tokens.resume("c-2", "gw-2", issued.hash(), ACTION_TIME.plusSeconds(30))
                .value()
                .getBody();

        assertThat(resumed)
                .isEqualTo(new Resumed("alice", VIEWER, CREDENTIALS_EXPIRE_AT, List.of(statusAt9, threadAt20)));
    }

    @Test
    void resumesASessionThatAProcessorOfTheVersionBeforeKeptWithoutPresence() throws Exception {
        Schema earlier;
        try (InputStream in =
                SwitchboardSerdes.class.getResourceAsStream("earlier/SessionSnapshot-v1.1-receipts.avsc")) {
            earlier = new Schema.Parser().parse(in);
        }
        GenericRecord position =
                new GenericData.Record(earlier.getField("channels").schema().getElementType());
        position.put("channel", "forum_threads:42");
        position.put("offset", 17L);
        position.put("epoch", "epoch-f");
        GenericRecord session = new GenericData.Record(earlier);
        session.put("userId", "alice");
        session.put("roles", VIEWER);
        session.put("credentialsExpireAt", null);
        session.put("channels", List.of(position));
        session.put("expiresAt", ACTION_TIME.plus(TOKEN_TTL).toEpochMilli());
        session.put("used", false);
        ByteBuffer encoded = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), earlier).encode(session);
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        String hash = sha256Hex("kept by the version before");

        fixture.driver
                .createInputTopic(fixture.topics.sessions(), new StringSerializer(), new ByteArraySerializer())
                .pipeInput(hash, bytes);
        Object resumed = tokens.resume("c-2", "gw-2", hash, ACTION_TIME).value().getBody();

        assertThat(resumed).isEqualTo(new Resumed("alice", VIEWER, null, List.of(THREAD_AT_17)));
    }

    @Test
    void resumesAnAnonymousConnectionAsAnonymous() {
        fixture.send(action("c-anon", null, List.of("anonymous"), null, new Connect(List.of(), null)));
        fixture.send(action("c-anon", null, List.of("anonymous"), "s", new Subscribe("status", null)));
        fixture.replies.readValuesToList();
        Issued issued = tokens.issue("c-anon", null, List.of(STATUS_AT_5));

        Object body =
                tokens.resume("c-2", "gw-2", issued.hash(), ACTION_TIME).value().getBody();

        assertThat(body)
                .isEqualTo(new Resumed(null, List.of("anonymous"), CREDENTIALS_EXPIRE_AT, List.of(STATUS_AT_5)));
    }

    @Test
    void refusesTheSecondUseOfAToken() {
        aliceHoldsStatusAndAThread("c-1");
        Issued issued = tokens.issue("c-1", "alice", List.of(STATUS_AT_5));
        tokens.resume("c-2", "gw-2", issued.hash(), ACTION_TIME);

        Object second =
                tokens.resume("c-3", "gw-2", issued.hash(), ACTION_TIME).value().getBody();

        assertThat(second).isEqualTo(tokenInvalid());
        assertThat(fixture.counter("sessions", "refused-used")).isEqualTo(1.0);
    }

    @Test
    void letsExactlyOneOfTwoUsesAtTheSameMomentOnTwoGatewaysWin() {
        aliceHoldsStatusAndAThread("c-1");
        Issued issued = tokens.issue("c-1", "alice", List.of(STATUS_AT_5));

        fixture.actions.pipeRecordList(List.of(
                new TestRecord<>(issued.hash(), TokenRequests.resumeAction("c-2", "gw-2", issued.hash(), ACTION_TIME)),
                new TestRecord<>(
                        issued.hash(), TokenRequests.resumeAction("c-3", "gw-3", issued.hash(), ACTION_TIME))));

        List<TestRecord<String, Reply>> replies = fixture.replies.readRecordsToList();
        assertThat(replies).extracting(TestRecord::key).containsExactly("gw-2", "gw-3");
        assertThat(replies.get(0).value().getBody()).isInstanceOf(Resumed.class);
        assertThat(replies.get(1).value().getBody()).isEqualTo(tokenInvalid());
    }

    @Test
    void acceptsATokenUpToItsExpiryAndRefusesItAMillisecondAfter() {
        aliceHoldsStatusAndAThread("c-1");
        Issued late = tokens.issue("c-1", "alice", List.of(STATUS_AT_5));
        Issued onTime = tokens.issue("c-1", "alice", List.of(STATUS_AT_5));
        Instant expiry = ACTION_TIME.plus(TOKEN_TTL);

        Object refused = tokens.resume("c-2", "gw-2", late.hash(), expiry.plusMillis(1))
                .value()
                .getBody();
        Object resumed =
                tokens.resume("c-3", "gw-2", onTime.hash(), expiry).value().getBody();

        assertThat(refused).isEqualTo(tokenInvalid());
        assertThat(resumed).isInstanceOf(Resumed.class);
        assertThat(fixture.counter("sessions", "refused-expired")).isEqualTo(1.0);
    }

    @Test
    void refusesAnUnknownOrMalformedTokenHash() {
        aliceHoldsStatusAndAThread("c-1");
        tokens.issue("c-1", "alice", List.of(STATUS_AT_5));

        Object unknown = tokens.resume("c-2", "gw-2", sha256Hex("never issued"), ACTION_TIME)
                .value()
                .getBody();
        Object malformed =
                tokens.resume("c-3", "gw-2", "not-a-hash", ACTION_TIME).value().getBody();

        assertThat(unknown).isEqualTo(tokenInvalid());
        assertThat(malformed).isEqualTo(tokenInvalid());
        assertThat(fixture.counter("sessions", "refused-unknown")).isEqualTo(2.0);
    }

    @Test
    void neverLetsASnapshotReadAfterTheUseMakeTheTokenUsableAgain() {
        aliceHoldsStatusAndAThread("c-1");
        Issued issued = tokens.issue("c-1", "alice", List.of(STATUS_AT_5));
        SessionSnapshot unused = fixture.sessions.readValue();
        tokens.resume("c-2", "gw-2", issued.hash(), ACTION_TIME);

        sessionsInput().pipeInput(issued.hash(), unused); // e.g. positions written at disconnect, read late

        assertThat(fixture.sessionsStore().get(issued.hash()).getUsed()).isTrue();
        assertThat(tokens.resume("c-3", "gw-2", issued.hash(), ACTION_TIME)
                        .value()
                        .getBody())
                .isEqualTo(tokenInvalid());
        assertThat(fixture.counter("sessions", "kept-used")).isEqualTo(1.0);
    }

    @Test
    void removesExpiredSessionsEveryMinuteOfWallClockTimeAndWritesTheirTombstones() {
        aliceHoldsStatusAndAThread("c-1");
        // The driver's wall clock starts at NOW: one token expires within the next five minutes, one after.
        Issued expiring = tokens.issueAt("c-1", NOW.minus(Duration.ofMinutes(1)), List.of(STATUS_AT_5));
        Issued lasting = tokens.issueAt("c-1", NOW.plus(Duration.ofMinutes(2)), List.of(STATUS_AT_5));
        tokens.resume("c-2", "gw-2", lasting.hash(), NOW.plus(Duration.ofMinutes(3))); // used, not yet expired
        fixture.sessions.readRecordsToList();

        fixture.driver.advanceWallClockTime(Duration.ofSeconds(59));
        assertThat(fixture.sessions.isEmpty()).isTrue();
        fixture.driver.advanceWallClockTime(Duration.ofMinutes(4).plusSeconds(2));

        TestRecord<String, SessionSnapshot> tombstone = fixture.sessions.readRecord();
        assertThat(tombstone.key()).isEqualTo(expiring.hash());
        assertThat(tombstone.value()).isNull();
        assertThat(fixture.sessions.isEmpty()).isTrue();
        assertThat(fixture.sessionsStore().get(expiring.hash())).isNull();
        assertThat(fixture.sessionsStore().get(lasting.hash()).getUsed()).isTrue();
        assertThat(fixture.counter("sessions", "expired")).isEqualTo(1.0);
    }

    @Test
    void forgetsASessionOnATombstone() {
        aliceHoldsStatusAndAThread("c-1");
        Issued issued = tokens.issue("c-1", "alice", List.of(STATUS_AT_5));

        sessionsInput().pipeInput(issued.hash(), null);

        assertThat(fixture.sessionsStore().get(issued.hash())).isNull();
        assertThat(tokens.resume("c-2", "gw-2", issued.hash(), ACTION_TIME)
                        .value()
                        .getBody())
                .isEqualTo(tokenInvalid());
    }

    private void aliceHoldsStatusAndAThread(String connectionId) {
        fixture.send(action(connectionId, "alice", VIEWER, null, new Connect(List.of(), null)));
        fixture.send(action(connectionId, "alice", VIEWER, "s-1", new Subscribe("status", null)));
        fixture.send(action(connectionId, "alice", VIEWER, "s-2", new Subscribe("forum_threads:42", null)));
        fixture.replies.readValuesToList();
    }

    private TestInputTopic<String, SessionSnapshot> sessionsInput() {
        return fixture.driver.createInputTopic(
                fixture.topics.sessions(),
                new StringSerializer(),
                SwitchboardSerdes.sessionSnapshot().serializer());
    }

    private static String latin1(byte[] bytes) {
        return bytes == null ? "" : new String(bytes, StandardCharsets.ISO_8859_1);
    }
}
