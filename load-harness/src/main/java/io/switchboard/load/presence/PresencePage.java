package io.switchboard.load.presence;

import java.util.List;

/**
 * One presence answer as a watcher received it.
 *
 * @param users the listed members' user ids, in the order of the answer
 * @param connections each listed member's connection count, in the same order
 * @param count the answer's {@code count} (users on the channel)
 * @param next the answer's {@code next}, or null on the last page
 */
public record PresencePage(List<String> users, List<Integer> connections, long count, String next) {}
