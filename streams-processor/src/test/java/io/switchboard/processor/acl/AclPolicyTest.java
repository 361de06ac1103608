package io.switchboard.processor.acl;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.processor.policy.Decision;
import io.switchboard.processor.policy.Requester;
import io.switchboard.schemas.ChannelName;
import io.switchboard.schemas.avro.AclRule;
import io.switchboard.schemas.avro.Permission;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AclPolicyTest {
    private static final Instant AT = Instant.parse("2026-11-20T10:00:00Z");
    private static final Requester ALICE = Requester.of("alice", List.of("viewer"));
    private static final Requester ADMIN = Requester.of("root", List.of("admin"));
    private static final Requester ANONYMOUS = Requester.of(null, List.of());

    private final Map<String, AclRule> store = new HashMap<>(DefaultPolicy.rules(AT));
    private final AclPolicy policy = new AclPolicy(store::get, Set.of("metrics", "signals", "reports"), "user");

    @Test
    void deniesAViewerSignalsNamingTheChannel() {
        assertThat(policy.subscribe(ALICE, channel("signals")))
                .isEqualTo(Decision.denied(Decision.PERMISSION_DENIED, "no permission to subscribe to 'signals'"));
        assertThat(policy.subscribe(ADMIN, channel("signals"))).isEqualTo(Decision.allowed());
    }

    @Test
    void letsAnonymousSubscribeToMetricsButNotBroadcasts() {
        assertThat(policy.subscribe(ANONYMOUS, channel("metrics"))).isEqualTo(Decision.allowed());
        assertThat(policy.subscribe(ANONYMOUS, channel("broadcasts"))).isInstanceOf(Decision.Denied.class);
    }

    @Test
    void decidesPublishWithThePublishPermission() {
        assertThat(policy.publish(ALICE, channel("forum_threads:42"))).isEqualTo(Decision.allowed());
        assertThat(policy.publish(ALICE, channel("metrics")))
                .isEqualTo(Decision.denied(Decision.PERMISSION_DENIED, "no permission to publish on 'metrics'"));
        assertThat(policy.publish(ADMIN, channel("metrics"))).isEqualTo(Decision.allowed());
    }

    @Test
    void letsAUserSubscribeOnlyToItsOwnPersonalChannel() {
        assertThat(policy.subscribe(ALICE, channel("user:alice"))).isEqualTo(Decision.allowed());
        assertThat(policy.subscribe(ALICE, channel("user:bob"))).isInstanceOf(Decision.Denied.class);
        assertThat(policy.subscribe(ALICE, channel("user"))).isInstanceOf(Decision.Denied.class);
        assertThat(policy.subscribe(ANONYMOUS, channel("user:alice")))
                .extracting(d -> ((Decision.Denied) d).code())
                .isEqualTo(Decision.PERMISSION_DENIED);
    }

    @Test
    void letsNobodyPublishOnAPersonalChannel() {
        assertThat(policy.publish(ALICE, channel("user:alice")))
                .isEqualTo(Decision.denied(
                        Decision.PERMISSION_DENIED, "nobody publishes on personal channels from a connection"));
        assertThat(policy.publish(ADMIN, channel("user:alice"))).isInstanceOf(Decision.Denied.class);
    }

    @Test
    void ignoresAnAclRuleForThePersonalFamily() {
        store.put(
                "user:*",
                AclRule.newBuilder()
                        .setRoles(Map.of("viewer", List.of(Permission.SUBSCRIBE, Permission.PUBLISH)))
                        .setUpdatedAt(AT)
                        .build());

        assertThat(policy.subscribe(ALICE, channel("user:bob"))).isInstanceOf(Decision.Denied.class);
        assertThat(policy.publish(ALICE, channel("user:alice"))).isInstanceOf(Decision.Denied.class);
    }

    @Test
    void refusesAnUnknownFamilyAsUnknownAndAConfiguredOneWithoutRuleAsDenied() {
        assertThat(policy.subscribe(ADMIN, channel("nonsense")))
                .isEqualTo(Decision.denied(Decision.UNKNOWN_CHANNEL, "unknown channel family 'nonsense'"));
        assertThat(policy.subscribe(ADMIN, channel("reports")))
                .isEqualTo(Decision.denied(Decision.PERMISSION_DENIED, "no permission rule for family 'reports'"));
    }

    @Test
    void looksUpKeyedAndUnkeyedChannelsUnderTheirOwnPattern() {
        AclPolicy unconfigured = new AclPolicy(store::get, Set.of(), "user");

        assertThat(unconfigured.subscribe(ADMIN, channel("metrics"))).isEqualTo(Decision.allowed());
        assertThat(unconfigured.subscribe(ADMIN, channel("metrics:x")))
                .extracting(d -> ((Decision.Denied) d).code())
                .isEqualTo(Decision.UNKNOWN_CHANNEL);
        assertThat(unconfigured.subscribe(ADMIN, channel("forum_threads:42"))).isEqualTo(Decision.allowed());
        assertThat(unconfigured.subscribe(ADMIN, channel("forum_threads")))
                .extracting(d -> ((Decision.Denied) d).code())
                .isEqualTo(Decision.UNKNOWN_CHANNEL);
    }

    @Test
    void appliesAChangedRuleToTheNextDecision() {
        assertThat(policy.subscribe(ALICE, channel("metrics"))).isEqualTo(Decision.allowed());

        store.put(
                "metrics",
                AclRules.revoke(
                        store.get("metrics"), "viewer", Set.of(Permission.SUBSCRIBE), "ops", AT.plusSeconds(1)));
        assertThat(policy.subscribe(ALICE, channel("metrics"))).isInstanceOf(Decision.Denied.class);

        store.remove("metrics");
        assertThat(policy.subscribe(ADMIN, channel("metrics")))
                .isEqualTo(Decision.denied(Decision.PERMISSION_DENIED, "no permission rule for family 'metrics'"));
    }

    @Test
    void letsAnUnnamedAuthenticatedRoleFallBackToUser() {
        Requester editor = Requester.of("ed", List.of("editor"));

        assertThat(policy.subscribe(editor, channel("broadcasts"))).isEqualTo(Decision.allowed());
        assertThat(policy.subscribe(editor, channel("signals"))).isInstanceOf(Decision.Denied.class);
    }

    @Test
    void knowsConfiguredFamiliesTheUserFamilyAndFamiliesARuleNames() {
        AclPolicy unconfigured = new AclPolicy(store::get, Set.of("reports"), "user");

        assertThat(unconfigured.knownFamily("reports")).isTrue();
        assertThat(unconfigured.knownFamily("user")).isTrue();
        assertThat(unconfigured.knownFamily("metrics")).isTrue();
        assertThat(unconfigured.knownFamily("forum_threads")).isTrue();
        assertThat(unconfigured.knownFamily("nonsense")).isFalse();
    }

    private static ChannelName channel(String name) {
        return ChannelName.parse(name);
    }
}
