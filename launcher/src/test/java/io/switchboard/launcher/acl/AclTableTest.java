package io.switchboard.launcher.acl;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.schemas.avro.AclRule;
import io.switchboard.schemas.avro.Permission;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class AclTableTest {
    private static final Instant AT = Instant.parse("2026-11-23T10:15:30.123Z");
    private static final List<Permission> SP = List.of(Permission.SUBSCRIBE, Permission.PUBLISH);
    private static final List<Permission> S = List.of(Permission.SUBSCRIBE);

    @Test
    void knownRolesComeFirstInDesignOrderThenOthersByName() {
        List<String> lines = new AclTable()
                .row("metrics", rule(Map.of("zeta", S, "user", S, "admin", SP, "alpha", S, "viewer", S), "ops"))
                .lines();

        assertThat(lines.get(0)).matches("FAMILY +admin +viewer +user +alpha +zeta +UPDATED AT +UPDATED BY");
    }

    @Test
    void cellsShowPermissionsAndUnnamedRolesFallBackToUser() {
        List<String> lines = new AclTable()
                .row("signals", rule(Map.of("admin", SP, "bot", List.of()), "ops"))
                .row("audit", rule(Map.of("user", S, "anonymous", S), null))
                .lines();

        assertThat(lines)
                .containsExactly(
                        "FAMILY   admin   bot     anonymous  user  UPDATED AT            UPDATED BY",
                        "signals  S P     —       —          —     2026-11-23T10:15:30Z  ops",
                        "audit    (user)  (user)  S          S     2026-11-23T10:15:30Z");
    }

    @Test
    void rowsKeepTheOrderTheyWereGiven() {
        Map<String, AclRule> rules = new TreeMap<>(Map.of(
                "status", rule(Map.of("user", S), "a"),
                "forum_threads:*", rule(Map.of("user", SP), "b"),
                "broadcasts", rule(Map.of("user", S), "c")));

        List<String> lines = new AclTable().rows(rules).lines();

        assertThat(lines)
                .extracting(line -> line.split(" +")[0])
                .containsExactly("FAMILY", "broadcasts", "forum_threads:*", "status");
    }

    private static AclRule rule(Map<String, List<Permission>> roles, String by) {
        return AclRule.newBuilder()
                .setRoles(roles)
                .setUpdatedAt(AT)
                .setUpdatedBy(by)
                .build();
    }
}
