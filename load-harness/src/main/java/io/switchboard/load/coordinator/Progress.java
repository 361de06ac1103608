package io.switchboard.load.coordinator;

import java.time.LocalTime;
import java.time.temporal.ChronoUnit;

/** Progress lines on standard error, so standard output carries only the report. */
final class Progress {
    void say(String line) {
        System.err.println("[load-test " + LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + "] " + line);
    }
}
