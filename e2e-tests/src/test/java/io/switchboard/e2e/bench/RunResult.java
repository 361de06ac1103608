package io.switchboard.e2e.bench;

import java.util.Locale;

/**
 * What one run of one mode measured.
 *
 * @param deliveries payload messages delivered in the measured phase (messages × clients)
 * @param wireBytesPerDelivery bytes read from the clients' sockets per delivery, WebSocket framing included
 * @param cpuMsPerThousand gateway CPU (user + system, all threads) per 1 000 deliveries
 * @param netCpuMsPerThousand the same minus what the gateway spends idle over as long as the measured phase took
 * @param idleCpuMsPerSecond gateway CPU per second with connections open and nothing to deliver
 * @param fanOutP50Ms median over messages of: handed to the producer → the last client has it complete
 * @param fanOutMaxMs the same, worst message
 * @param totalMs first message handed to the producer → last delivery complete
 * @param verified payload messages that sample connections decoded and found equal to what was sent
 */
record RunResult(
        Mode mode,
        int run,
        long deliveries,
        double wireBytesPerDelivery,
        double cpuMsPerThousand,
        double netCpuMsPerThousand,
        double idleCpuMsPerSecond,
        double fanOutP50Ms,
        double fanOutMaxMs,
        double totalMs,
        int verified) {

    String line() {
        return String.format(
                Locale.ROOT,
                "run %d (%s) %s: %d deliveries, %.0f B/delivery on the wire, gateway CPU %.1f ms per 1000 deliveries"
                        + " (%.1f net of idle %.1f ms/s), fan-out p50 %.0f ms max %.0f ms, all in %.0f ms; %d sample messages"
                        + " verified",
                run,
                mode.letter,
                mode.label,
                deliveries,
                wireBytesPerDelivery,
                cpuMsPerThousand,
                netCpuMsPerThousand,
                idleCpuMsPerSecond,
                fanOutP50Ms,
                fanOutMaxMs,
                totalMs,
                verified);
    }
}
