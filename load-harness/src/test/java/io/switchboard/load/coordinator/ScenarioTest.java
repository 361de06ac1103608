package io.switchboard.load.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ScenarioTest {
    @Test
    void oneLoaderPerNineteenThousandClients() {
        assertThat(Scenario.autoLoaders(1)).isEqualTo(1);
        assertThat(Scenario.autoLoaders(19_000)).isEqualTo(1);
        assertThat(Scenario.autoLoaders(19_001)).isEqualTo(2);
        assertThat(Scenario.autoLoaders(50_000)).isEqualTo(3);
    }

    @Test
    void splitsClientsEvenlyWithConsecutiveIndexes() {
        Scenario scenario = scenario(10, 3);

        assertThat(scenario.clientsOf(0) + scenario.clientsOf(1) + scenario.clientsOf(2))
                .isEqualTo(10);
        assertThat(scenario.clientsOf(0)).isEqualTo(4);
        assertThat(scenario.firstClientOf(1)).isEqualTo(4);
        assertThat(scenario.firstClientOf(2)).isEqualTo(7);
    }

    @Test
    void warmupEventsComeBeforeTheMeasuredOnes() {
        Scenario scenario = new Scenario(1000, 300, 30, 60, 1, 16, 0, false, 3, 15, 256, "metrics");

        assertThat(scenario.warmupEvents()).isEqualTo(18_000);
        assertThat(scenario.measuredEvents()).isEqualTo(9_000);
    }

    @Test
    void warmsTheBrokerWithTheSameLoadOnAtMostOneThousandClientsMeasuringNothingBeforeIt() {
        Scenario scenario = new Scenario(10_000, 10, 30, 60, 2, 16, 512, false, 3, 15, 256, "metrics");

        Scenario warmup = scenario.brokerWarmup(45);

        assertThat(warmup.clients()).isEqualTo(1000);
        assertThat(warmup.loaders()).isEqualTo(1);
        assertThat(warmup.rate()).isEqualTo(10);
        assertThat(warmup.payloadBytes()).isEqualTo(512);
        assertThat(warmup.channel()).isEqualTo("metrics");
        assertThat(warmup.warmupEvents()).isZero();
        assertThat(warmup.measuredEvents()).isEqualTo(450);
        assertThat(scenario(10, 1).brokerWarmup(45).clients()).isEqualTo(10);
    }

    private static Scenario scenario(int clients, int loaders) {
        return new Scenario(clients, 100, 30, 0, loaders, 16, 0, false, 3, 15, 256, "metrics");
    }
}
