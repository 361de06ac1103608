package io.switchboard.processor.topology;

import static io.switchboard.processor.topology.TopologyFixture.action;

import io.switchboard.schemas.avro.ChannelPosition;
import io.switchboard.schemas.avro.ClientAction;
import io.switchboard.schemas.avro.IssueReconnectionToken;
import io.switchboard.schemas.avro.ReconnectionToken;
import io.switchboard.schemas.avro.Refused;
import io.switchboard.schemas.avro.Reply;
import io.switchboard.schemas.avro.Resume;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.apache.kafka.streams.test.TestRecord;

/** Asks a {@link TopologyFixture} for reconnection tokens and uses them, as gateways do. */
final class TokenRequests {
    static final List<String> VIEWER = List.of("viewer");
    static final Instant CREDENTIALS_EXPIRE_AT = Instant.parse("2026-11-20T11:00:00Z");
    static final ChannelPosition STATUS_AT_5 = new ChannelPosition("status", 5L, "epoch-s", false);

    record Issued(String token, String hash) {}

    private final TopologyFixture fixture;

    TokenRequests(TopologyFixture fixture) {
        this.fixture = fixture;
    }

    /** Asks for a token on an authenticated (or, with a null user, anonymous) connection; reads the reply. */
    TestRecord<String, Reply> issueRecord(String connectionId, String userId, List<ChannelPosition> delivered) {
        List<String> roles = userId == null ? List.of("anonymous") : VIEWER;
        IssueReconnectionToken request = new IssueReconnectionToken(delivered, CREDENTIALS_EXPIRE_AT);
        fixture.send(action(connectionId, userId, roles, "token-req", request));
        return fixture.replies.readRecord();
    }

    Issued issue(String connectionId, String userId, List<ChannelPosition> delivered) {
        String token = ((ReconnectionToken)
                        issueRecord(connectionId, userId, delivered).value().getBody())
                .getToken();
        return new Issued(token, sha256Hex(token));
    }

    /** A token for Alice's connection asked for at {@code time}. */
    Issued issueAt(String connectionId, Instant time, List<ChannelPosition> delivered) {
        IssueReconnectionToken request = new IssueReconnectionToken(delivered, CREDENTIALS_EXPIRE_AT);
        ClientAction action = ClientAction.newBuilder(action(connectionId, "alice", VIEWER, "t", request))
                .setTime(time)
                .build();
        fixture.send(action);
        String token = ((ReconnectionToken) fixture.replies.readValue().getBody()).getToken();
        return new Issued(token, sha256Hex(token));
    }

    /** A new connection on {@code gatewayId} presents the token of {@code hash}; returns the reply. */
    TestRecord<String, Reply> resume(String connectionId, String gatewayId, String hash, Instant time) {
        fixture.actions.pipeInput(hash, resumeAction(connectionId, gatewayId, hash, time));
        return fixture.replies.readRecord();
    }

    /** A Resume as a gateway sends it before it knows who the connection is: no user, no roles. */
    static ClientAction resumeAction(String connectionId, String gatewayId, String hash, Instant time) {
        return ClientAction.newBuilder(action(connectionId, null, List.of(), null, new Resume(hash)))
                .setGatewayId(gatewayId)
                .setTime(time)
                .build();
    }

    /** The refusal of every resume that does not win. */
    static Refused tokenInvalid() {
        return new Refused("", "token_invalid", "the reconnection token is unknown, expired or already used");
    }

    /** SHA-256 of the text's UTF-8 bytes, lowercase hex, computed here rather than by the code under test. */
    static String sha256Hex(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
