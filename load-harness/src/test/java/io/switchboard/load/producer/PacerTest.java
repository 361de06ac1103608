package io.switchboard.load.producer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PacerTest {
    @Test
    void spreadsALowRateOverTheTicks() {
        Pacer pacer = new Pacer(100, 1_000);

        assertThat(pacer.dueBy(0)).isZero();
        assertThat(pacer.dueBy(9)).isZero();
        assertThat(pacer.dueBy(10)).isEqualTo(1);
        assertThat(pacer.dueBy(1_000)).isEqualTo(100);
    }

    @Test
    void sendsSeveralEventsPerTickAtHighRates() {
        Pacer pacer = new Pacer(300_000, 10_000_000);

        assertThat(pacer.dueBy(1)).isEqualTo(300);
        assertThat(pacer.dueBy(1_000)).isEqualTo(300_000);
    }

    @Test
    void knowsTheTickOfEachEvent() {
        Pacer slow = new Pacer(100, 1_000);
        Pacer fast = new Pacer(3_000, 1_000);

        assertThat(slow.tickOf(1)).isEqualTo(10);
        assertThat(slow.dueBy(slow.tickOf(7))).isEqualTo(7);
        assertThat(fast.tickOf(1)).isEqualTo(1);
        assertThat(fast.tickOf(4)).isEqualTo(2);
        assertThat(fast.dueBy(fast.tickOf(4))).isGreaterThanOrEqualTo(4);
    }

    @Test
    void neverPassesTheTotal() {
        Pacer pacer = new Pacer(1_000, 2_500);

        assertThat(pacer.dueBy(2_499)).isEqualTo(2_499);
        assertThat(pacer.dueBy(60_000)).isEqualTo(2_500);
    }

    @Test
    void eventJsonCarriesTimeSequenceAndPadding() {
        assertThat(new String(new EventJson("metrics", 0).bytes(7, 123), java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo("{\"channel\":\"metrics\",\"event\":\"load\",\"data\":{\"t\":123,\"seq\":7}}");
        assertThat(new EventJson("metrics", 5).bytes(1, 1)).asString().contains(",\"pad\":\"xxxxx\"}}");
    }
}
