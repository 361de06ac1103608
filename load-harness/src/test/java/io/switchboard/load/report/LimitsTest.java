package io.switchboard.load.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LimitsTest {
    private static final Pinning PINNING =
            new Pinning(true, 1, List.of("gateway", "processor"), 0, List.of("loader-0", "loader-1"));

    @Test
    void aLoaderNearItsFullCoreIsTheLimit() {
        CpuUse cpu = new CpuUse(10, Map.of("loader-0", 9.5, "loader-1", 2.0, "gateway", 5.0), cores(8, 0, 5, 0));

        assertThat(Limits.of(cpu, PINNING)).singleElement().asString().startsWith("LOADER-LIMITED: loader-0 used 95 %");
    }

    @Test
    void otherWorkOnTheServerCoreIsReported() {
        CpuUse cpu = new CpuUse(10, Map.of("gateway", 4.0, "processor", 3.0), cores(2, 0, 9, 0));

        assertThat(Limits.of(cpu, PINNING))
                .singleElement()
                .asString()
                .startsWith("SERVER CORE SHARED: other processes" + " used 20 % of CPU 1");
    }

    @Test
    void aFullLoadCoreAndStealAreReported() {
        CpuUse cpu = new CpuUse(10, Map.of("gateway", 5.0), cores(9.8, 0, 5, 1));

        assertThat(Limits.of(cpu, PINNING))
                .hasSize(2)
                .anySatisfy(n -> assertThat(n).startsWith("LOAD CORE SATURATED: CPU 0 was 98 % busy"))
                .anySatisfy(n -> assertThat(n).startsWith("STEAL: the hypervisor took 10 % of CPU 1"));
    }

    @Test
    void aCleanRunHasNoNote() {
        CpuUse cpu = new CpuUse(10, Map.of("gateway", 4.0, "processor", 3.0, "loader-0", 3.0), cores(5, 0, 7.5, 0));

        assertThat(Limits.of(cpu, PINNING)).isEmpty();
    }

    private static List<CpuUse.Core> cores(double busy0, double steal0, double busy1, double steal1) {
        return List.of(new CpuUse.Core(0, busy0, steal0), new CpuUse.Core(1, busy1, steal1));
    }
}
