package io.switchboard.processor.acl;

import static io.switchboard.schemas.avro.Permission.PUBLISH;
import static io.switchboard.schemas.avro.Permission.SUBSCRIBE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.processor.policy.Requester;
import io.switchboard.schemas.avro.AclRule;
import io.switchboard.schemas.avro.Permission;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AclRulesTest {
    private static final Instant AT = Instant.parse("2026-11-20T10:00:00Z");
    private static final Requester ANONYMOUS = Requester.of(null, List.of());

    private static AclRule rule(Map<String, List<Permission>> roles) {
        return AclRule.newBuilder().setRoles(roles).setUpdatedAt(AT).build();
    }

    private static Requester user(String... roles) {
        return Requester.of("alice", List.of(roles));
    }

    @Test
    void givesAnAnonymousConnectionOnlyWhatTheAnonymousRoleHas() {
        AclRule rule = rule(Map.of("anonymous", List.of(SUBSCRIBE), "user", List.of(SUBSCRIBE, PUBLISH)));

        assertThat(AclRules.allows(rule, ANONYMOUS, SUBSCRIBE)).isTrue();
        assertThat(AclRules.allows(rule, ANONYMOUS, PUBLISH)).isFalse();
    }

    @Test
    void givesAnAnonymousConnectionNothingWhenTheRuleDoesNotNameAnonymous() {
        AclRule rule = rule(Map.of("user", List.of(SUBSCRIBE, PUBLISH)));

        assertThat(AclRules.allows(rule, ANONYMOUS, SUBSCRIBE)).isFalse();
    }

    @Test
    void givesANamedRoleItsOwnPermissions() {
        AclRule rule = rule(Map.of("admin", List.of(SUBSCRIBE, PUBLISH), "viewer", List.of(SUBSCRIBE)));

        assertThat(AclRules.allows(rule, user("viewer"), SUBSCRIBE)).isTrue();
        assertThat(AclRules.allows(rule, user("viewer"), PUBLISH)).isFalse();
        assertThat(AclRules.allows(rule, user("admin"), PUBLISH)).isTrue();
    }

    @Test
    void letsAnyNamedRoleOfTheRequesterGrant() {
        AclRule rule = rule(Map.of("admin", List.of(SUBSCRIBE, PUBLISH), "viewer", List.of()));

        assertThat(AclRules.allows(rule, user("viewer", "admin"), PUBLISH)).isTrue();
    }

    @Test
    void fallsBackToUserForAnUnnamedRoleOrNoRoleAtAll() {
        AclRule rule = rule(Map.of("viewer", List.of(), "user", List.of(SUBSCRIBE)));

        assertThat(AclRules.allows(rule, user("editor"), SUBSCRIBE)).isTrue();
        assertThat(AclRules.allows(rule, user(), SUBSCRIBE)).isTrue();
        assertThat(AclRules.allows(rule, user("viewer", "editor"), SUBSCRIBE)).isTrue();
        assertThat(AclRules.allows(rule, user("editor"), PUBLISH)).isFalse();
    }

    @Test
    void doesNotFallBackToUserForARoleNamedWithAnEmptyList() {
        AclRule rule = rule(Map.of("viewer", List.of(), "user", List.of(SUBSCRIBE, PUBLISH)));

        assertThat(AclRules.allows(rule, user("viewer"), SUBSCRIBE)).isFalse();
        assertThat(AclRules.allows(rule, user("viewer"), PUBLISH)).isFalse();
    }

    @Test
    void doesNotGiveAnAuthenticatedRoleCalledAnonymousTheAnonymousEntry() {
        AclRule rule = rule(Map.of("anonymous", List.of(SUBSCRIBE), "user", List.of()));

        assertThat(AclRules.allows(rule, user("anonymous"), SUBSCRIBE)).isFalse();
    }

    @Test
    void allowsNothingWithoutARule() {
        assertThat(AclRules.allows(null, user("admin"), SUBSCRIBE)).isFalse();
        assertThat(AclRules.allows(null, ANONYMOUS, SUBSCRIBE)).isFalse();
    }

    @Test
    void grantAddsToARoleAndStampsTheChange() {
        AclRule before = rule(Map.of("viewer", List.of(SUBSCRIBE), "admin", List.of(SUBSCRIBE, PUBLISH)));
        Instant later = AT.plusSeconds(60);

        AclRule after = AclRules.grant(before, "viewer", Set.of(PUBLISH), "ops", later);

        assertThat(after.getRoles())
                .containsEntry("viewer", List.of(SUBSCRIBE, PUBLISH))
                .containsEntry("admin", List.of(SUBSCRIBE, PUBLISH));
        assertThat(after.getUpdatedAt()).isEqualTo(later);
        assertThat(after.getUpdatedBy()).isEqualTo("ops");
        assertThat(before.getRoles()).containsEntry("viewer", List.of(SUBSCRIBE));
    }

    @Test
    void grantOnNoRuleCreatesOne() {
        AclRule created = AclRules.grant(null, "bot", Set.of(SUBSCRIBE), "ops", AT);

        assertThat(created.getRoles()).containsExactly(Map.entry("bot", List.of(SUBSCRIBE)));
        assertThat(AclRules.allows(created, user("bot"), SUBSCRIBE)).isTrue();
    }

    @Test
    void grantToAnUnnamedRoleKeepsWhatItHadThroughUser() {
        AclRule before = rule(Map.of("user", List.of(SUBSCRIBE)));

        AclRule after = AclRules.grant(before, "editor", Set.of(PUBLISH), "ops", AT);

        assertThat(after.getRoles()).containsEntry("editor", List.of(SUBSCRIBE, PUBLISH));
    }

    @Test
    void revokeKeepsTheRoleNamedSoItDoesNotFallBackToUser() {
        AclRule before = rule(Map.of("viewer", List.of(SUBSCRIBE), "user", List.of(SUBSCRIBE)));

        AclRule after = AclRules.revoke(before, "viewer", Set.of(SUBSCRIBE), "ops", AT);

        assertThat(after.getRoles()).containsEntry("viewer", List.of());
        assertThat(AclRules.allows(after, user("viewer"), SUBSCRIBE)).isFalse();
        assertThat(AclRules.allows(after, user("editor"), SUBSCRIBE)).isTrue();
    }

    @Test
    void revokeFromAnUnnamedRoleNamesItWithTheRestOfWhatUserGave() {
        AclRule before = rule(Map.of("user", List.of(SUBSCRIBE, PUBLISH)));

        AclRule after = AclRules.revoke(before, "editor", Set.of(PUBLISH), "ops", AT);

        assertThat(after.getRoles()).containsEntry("editor", List.of(SUBSCRIBE));
        assertThat(AclRules.allows(after, user("editor"), PUBLISH)).isFalse();
        assertThat(AclRules.allows(after, user("editor"), SUBSCRIBE)).isTrue();
    }

    @Test
    void revokeFromAnonymousNeverStartsFromUser() {
        AclRule before = rule(Map.of("user", List.of(SUBSCRIBE, PUBLISH)));

        AclRule after = AclRules.revoke(before, "anonymous", Set.of(PUBLISH), "ops", AT);

        assertThat(after.getRoles()).containsEntry("anonymous", List.of());
    }

    @Test
    void rejectsAnEmptyRole() {
        assertThatThrownBy(() -> AclRules.grant(null, " ", Set.of(SUBSCRIBE), "ops", AT))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void describesPermissionsInAFixedOrder() {
        assertThat(AclRules.describe(List.of(PUBLISH, SUBSCRIBE))).isEqualTo("S P");
        assertThat(AclRules.describe(List.of(SUBSCRIBE))).isEqualTo("S");
        assertThat(AclRules.describe(List.of(PUBLISH))).isEqualTo("P");
        assertThat(AclRules.describe(List.of())).isEqualTo("—");
        assertThat(AclRules.describe(null)).isEqualTo("—");
    }
}
