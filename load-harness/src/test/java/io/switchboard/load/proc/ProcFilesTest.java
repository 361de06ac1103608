package io.switchboard.load.proc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProcFilesTest {
    @Test
    void addsUserAndSystemTicksPastACommandNameWithSpacesAndParentheses() {
        String stat = "4242 (java (main) x) S 1 4242 4242 0 -1 4194560 100 0 0 0 1234 567 0 0 20 0 40 0 999 0 0";

        assertThat(ProcFiles.cpuTicks(stat)).isEqualTo(1234 + 567);
    }

    @Test
    void readsVmRssInBytes() {
        String status = "Name:\tjava\nVmPeak:\t 999 kB\nVmRSS:\t  204800 kB\nThreads:\t40\n";

        assertThat(ProcFiles.rss(status)).hasValue(204800L * 1024);
    }

    @Test
    void readsBusyAndStealSecondsPerCore() {
        String stat = "cpu  10 0 10 100 0 0 0 0 0 0\n"
                + "cpu0 100 5 50 1000 7 3 2 4 0 0\n"
                + "cpu1 200 0 100 900 0 0 0 30 0 0\nintr 1 2 3\n";

        assertThat(ProcFiles.coreSeconds(stat)).containsExactly(1.60, 0.04, 3.00, 0.30);
    }

    @Test
    void readsThisProcess() {
        long pid = ProcessHandle.current().pid();

        assertThat(ProcFiles.cpuSeconds(pid)).isPresent();
        assertThat(ProcFiles.rssBytes(pid).orElse(0)).isPositive();
    }
}
