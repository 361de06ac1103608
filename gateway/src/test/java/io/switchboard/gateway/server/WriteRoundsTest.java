package io.switchboard.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xnio.OptionMap;
import org.xnio.Options;
import org.xnio.Xnio;
import org.xnio.XnioWorker;

/** {@link WriteRounds} on a real XNIO I/O thread. */
class WriteRoundsTest {
    private XnioWorker worker;
    private WriteRounds.Round round;

    @BeforeEach
    void start() throws Exception {
        worker = Xnio.getInstance().createWorker(OptionMap.create(Options.WORKER_IO_THREADS, 1));
        round = new WriteRounds().of(worker.getIoThread());
    }

    @AfterEach
    void stop() {
        worker.shutdownNow();
    }

    @Test
    void aConnectionThatHasMoreGetsItsNextTurnsWhileOtherConnectionsKeepTheIoThreadBusy() throws Exception {
        // as a busy gateway's delivery thread does: other connections ask for turns as fast as the I/O thread takes
        // them (1 000 always waiting), and each costs a socket write (20 µs here)
        AtomicBoolean feeding = new AtomicBoolean(true);
        AtomicInteger written = new AtomicInteger();
        WriteRounds.Turn write = () -> {
            long until = System.nanoTime() + 20_000;
            while (System.nanoTime() < until) {
                Thread.onSpinWait();
            }
            written.incrementAndGet();
        };
        Thread feeder = new Thread(() -> {
            long asked = 0;
            while (feeding.get()) {
                if (asked - written.get() < 1_000) {
                    round.add(write);
                    asked++;
                } else {
                    Thread.onSpinWait();
                }
            }
        });
        feeder.start();
        try {
            // connections whose frames keep coming while they write: each asks for 10 turns, one after the other
            List<AtomicInteger> turns = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                AtomicInteger taken = new AtomicInteger();
                turns.add(taken);
                round.add(new WriteRounds.Turn() {
                    @Override
                    public void writeTurn() {
                        if (taken.incrementAndGet() < 10) {
                            round.add(this);
                        }
                    }
                });
            }

            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(turns)
                    .allSatisfy(taken -> assertThat(taken).hasValue(10)));
            assertThat(written.get()).as("the others were written meanwhile").isGreaterThan(1_000);
        } finally {
            feeding.set(false);
            feeder.join();
        }
    }

    @Test
    void aRoundTakesEachTurnOnItsIoThreadOnceForEachTimeItWasAskedFor() {
        AtomicInteger taken = new AtomicInteger();
        AtomicInteger elsewhere = new AtomicInteger();
        WriteRounds.Turn turn = () -> {
            taken.incrementAndGet();
            if (Thread.currentThread() != worker.getIoThread()) {
                elsewhere.incrementAndGet();
            }
        };

        for (int i = 0; i < 1000; i++) {
            round.add(turn);
        }

        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(taken).hasValue(1000));
        assertThat(elsewhere).hasValue(0);
    }
}
