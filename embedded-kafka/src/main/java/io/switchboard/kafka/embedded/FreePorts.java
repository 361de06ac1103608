package io.switchboard.kafka.embedded;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/** Picks free loopback ports in 20000-29999, the range this project's tests may use. */
public final class FreePorts {
    public static final int LOW = 20000;
    public static final int HIGH = 29999;
    private static final int ATTEMPTS = 200;

    private FreePorts() {}

    /** A port in [20000, 29999] that was free on loopback a moment ago. */
    public static int pick() {
        for (int i = 0; i < ATTEMPTS; i++) {
            int port = ThreadLocalRandom.current().nextInt(LOW, HIGH + 1);
            if (isFree(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no free port in " + LOW + "-" + HIGH + " after " + ATTEMPTS + " tries");
    }

    public static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
