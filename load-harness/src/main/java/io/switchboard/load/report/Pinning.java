package io.switchboard.load.report;

import java.util.List;

/**
 * Which processes were pinned where, by the names {@link CpuUse} uses.
 *
 * @param pinned false when nothing was pinned: per-core figures then mean nothing
 * @param serverCpu the core of {@code servers}
 * @param loadCpu the core of the broker, the producer and the loaders
 */
public record Pinning(boolean pinned, int serverCpu, List<String> servers, int loadCpu, List<String> loaders) {}
