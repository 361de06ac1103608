package io.switchboard.processor.acl;

import static io.switchboard.schemas.avro.Permission.PUBLISH;
import static io.switchboard.schemas.avro.Permission.SUBSCRIBE;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.processor.config.ProcessorConfig;
import io.switchboard.processor.policy.Requester;
import io.switchboard.schemas.avro.AclRule;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.SortedMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DefaultPolicyTest {
    private static final Instant AT = Instant.parse("2026-11-20T10:00:00Z");
    private static final SortedMap<String, AclRule> RULES = DefaultPolicy.rules(AT);

    @Test
    void coversEveryDefaultFamilyWithTheRightKeyForm() {
        assertThat(RULES.keySet())
                .containsExactlyInAnyOrder(
                        "metrics",
                        "signals",
                        "actions",
                        "logs",
                        "status",
                        "connections",
                        "broadcasts",
                        "track_comments:*",
                        "forum_threads:*",
                        "forum_global",
                        "book_requests");
        assertThat(RULES.keySet().stream().map(key -> FamilyPattern.parse(key).family()))
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(ProcessorConfig.defaults()
                                .get("processor.families")
                                .split(","))
                        .collect(Collectors.toList()));
    }

    @Test
    void namesAllSixColumnsInEveryRule() {
        assertThat(RULES.values()).allSatisfy(rule -> assertThat(rule.getRoles().keySet())
                .containsExactlyInAnyOrder("admin", "developer", "viewer", "bot", "anonymous", "user"));
    }

    @Test
    void stampsTheSeed() {
        assertThat(RULES.values()).allSatisfy(rule -> {
            assertThat(rule.getUpdatedAt()).isEqualTo(AT);
            assertThat(rule.getUpdatedBy()).isEqualTo(DefaultPolicy.SEEDED_BY);
        });
    }

    @Test
    void followsDesignMdRowByRow() {
        assertThat(row("metrics")).containsExactly("S P", "S", "S", "S", "S", "S");
        assertThat(row("signals")).containsExactly("S P", "S", "—", "S", "—", "—");
        assertThat(row("actions")).containsExactly("S P", "S", "—", "—", "—", "—");
        assertThat(row("logs")).containsExactly("S P", "S", "—", "—", "—", "—");
        assertThat(row("status")).containsExactly("S P", "S", "S", "S", "S", "S");
        assertThat(row("connections")).containsExactly("S P", "—", "—", "—", "—", "—");
        assertThat(row("broadcasts")).containsExactly("S P", "S", "S", "S", "—", "S");
        assertThat(row("track_comments:*")).containsExactly("S P", "S P", "S P", "S", "—", "S P");
        assertThat(row("forum_threads:*")).containsExactly("S P", "S P", "S P", "S", "—", "S P");
        assertThat(row("forum_global")).containsExactly("S P", "S P", "S P", "S", "—", "S P");
        assertThat(row("book_requests")).containsExactly("S P", "—", "—", "—", "—", "—");
    }

    @Test
    void deniesAViewerSignalsAndAnonymousBroadcastsButAllowsAnonymousMetrics() {
        Requester viewer = Requester.of("vera", List.of("viewer"));
        Requester anonymous = Requester.of(null, List.of());

        assertThat(AclRules.allows(RULES.get("signals"), viewer, SUBSCRIBE)).isFalse();
        assertThat(AclRules.allows(RULES.get("metrics"), anonymous, SUBSCRIBE)).isTrue();
        assertThat(AclRules.allows(RULES.get("metrics"), anonymous, PUBLISH)).isFalse();
        assertThat(AclRules.allows(RULES.get("broadcasts"), anonymous, SUBSCRIBE))
                .isFalse();
    }

    private static List<String> row(String key) {
        AclRule rule = RULES.get(key);
        return List.of("admin", "developer", "viewer", "bot", "anonymous", "user").stream()
                .map(role -> AclRules.describe(rule.getRoles().get(role)))
                .toList();
    }
}
