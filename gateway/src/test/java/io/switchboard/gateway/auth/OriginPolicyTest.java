package io.switchboard.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.config.ConfigException;
import java.util.List;
import org.junit.jupiter.api.Test;

class OriginPolicyTest {
    private final OriginPolicy app = OriginPolicy.of(List.of("https://app.example.com", "http://localhost:3000"));
    private final OriginPolicy sameOrigin = OriginPolicy.of(List.of("same-origin"));

    @Test
    void allowsAListedOriginWrittenAnyEquivalentWay() {
        assertThat(allows(app, "https://app.example.com")).isTrue();
        assertThat(allows(app, "https://APP.Example.com")).isTrue();
        assertThat(allows(app, "HTTPS://app.example.com:443")).isTrue();
        assertThat(allows(app, "http://localhost:3000")).isTrue();
    }

    @Test
    void refusesOriginsThatOnlyLookLikeAnAllowedOne() {
        for (String origin : List.of(
                "https://app.example.com.evil.test",
                "https://evil.test.app.example.com",
                "https://app.example.co",
                "http://app.example.com",
                "https://app.example.com:8443",
                "wss://app.example.com",
                "http://localhost:3001",
                "http://localhost",
                "https://app.example.com/",
                "https://app.example.com/path",
                "https://user@app.example.com",
                "https://app.example.com?x=1",
                "https://app.example.com.",
                "app.example.com",
                "null",
                "",
                "https://app.example.com\u0000")) {
            assertThat(allows(app, origin)).as(origin).isFalse();
        }
    }

    @Test
    void refusesSeveralOriginHeadersEvenIfOneIsAllowed() {
        assertThat(app.allows(List.of("https://app.example.com", "https://evil.test"), "http", "gw:8080"))
                .isFalse();
    }

    @Test
    void letsRequestsWithoutOriginThroughAsTheyDoNotComeFromABrowser() {
        assertThat(app.allows(List.of(), "http", "gw.example.com")).isTrue();
        assertThat(sameOrigin.allows(List.of(), "http", null)).isTrue();
    }

    @Test
    void checksNothingWhenTheListIsEmpty() {
        OriginPolicy none = OriginPolicy.of(List.of());

        assertThat(none.allows(List.of("https://evil.test"), "http", "gw:8080")).isTrue();
        assertThat(none.allows(List.of("null"), "http", "gw:8080")).isTrue();
    }

    @Test
    void sameOriginAllowsTheRequestsOwnSchemeAndHost() {
        assertThat(sameOrigin.allows(List.of("http://gw.example.com:8080"), "http", "gw.example.com:8080"))
                .isTrue();
        assertThat(sameOrigin.allows(List.of("http://GW.example.com"), "http", "gw.example.com:80"))
                .isTrue();
        assertThat(sameOrigin.allows(List.of("https://gw.example.com"), "https", "gw.example.com"))
                .isTrue();

        assertThat(sameOrigin.allows(List.of("https://gw.example.com:8080"), "http", "gw.example.com:8080"))
                .isFalse();
        assertThat(sameOrigin.allows(List.of("http://gw.example.com:8081"), "http", "gw.example.com:8080"))
                .isFalse();
        assertThat(sameOrigin.allows(List.of("http://evil.test:8080"), "http", "gw.example.com:8080"))
                .isFalse();
        assertThat(sameOrigin.allows(List.of("http://gw.example.com:8080"), "http", null))
                .isFalse();
        assertThat(sameOrigin.allows(List.of("null"), "http", "gw.example.com:8080"))
                .isFalse();
    }

    @Test
    void refusesAConfiguredEntryThatIsNotAnOriginNamingTheKey() {
        for (String entry :
                List.of("app.example.com", "https://app.example.com/", "*", "https://*.example.com", "null")) {
            assertThatThrownBy(() -> OriginPolicy.of(List.of(entry)))
                    .isInstanceOfSatisfying(
                            ConfigException.class, e -> assertThat(e.key()).isEqualTo("gateway.auth.allowed-origins"));
        }
    }

    private static boolean allows(OriginPolicy policy, String origin) {
        return policy.allows(List.of(origin), "https", "gw.example.com");
    }
}
