package io.switchboard.load.loader;

import java.net.InetSocketAddress;
import java.util.List;

/** What a {@link ClientLoop} takes from its loader's settings. */
interface ClientLoopSettings {
    /** Every gateway's address; a client's {@code gateway} indexes this list. */
    List<InetSocketAddress> gateways();

    /** Clients per source address 127.0.0.2, .3, … */
    int perAddress();

    /** First connections at most between connect and grant. */
    int maxInFlight();

    /** The read buffer. */
    int readBufferBytes();
}
