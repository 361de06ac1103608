package io.switchboard.load.presence;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Whether paging through a presence answer returned every expected member exactly once: no user missing, none twice,
 * none unexpected, pages in user-id order and no longer than the page size, every page's {@code count} equal to the
 * number of members, and one connection each.
 *
 * @param pages answers received
 * @param listed members listed over all pages
 * @param missing expected users never listed
 * @param duplicates users listed more than once
 * @param unexpected listed users that were not expected
 * @param outOfOrder places where a user id did not sort after the one before it
 * @param counts the distinct {@code count} values the pages carried
 * @param notOneConnection members listed with a connection count other than 1
 * @param samples up to ten examples of what went wrong
 */
public record PagingCheck(
        int pages,
        long listed,
        long missing,
        long duplicates,
        long unexpected,
        long outOfOrder,
        Set<Long> counts,
        long notOneConnection,
        List<String> samples) {
    /** Members PROTOCOL.md allows per answer. */
    public static final int PAGE_SIZE = 1_000;

    /** True when every member came exactly once and every page agreed on the count. */
    public boolean exactlyOnce(int expected) {
        return missing == 0
                && duplicates == 0
                && unexpected == 0
                && outOfOrder == 0
                && notOneConnection == 0
                && listed == expected
                && counts.equals(Set.of((long) expected));
    }

    /** Checks {@code pages} against the users {@code expected}. */
    public static PagingCheck of(List<PresencePage> pages, Set<String> expected) {
        Set<String> seen = new HashSet<>();
        List<String> samples = new ArrayList<>();
        Set<Long> counts = new TreeSet<>();
        long listed = 0;
        long duplicates = 0;
        long unexpected = 0;
        long outOfOrder = 0;
        long notOne = 0;
        String previous = null;
        for (int p = 0; p < pages.size(); p++) {
            PresencePage page = pages.get(p);
            counts.add(page.count());
            if (page.users().size() > PAGE_SIZE) {
                sample(samples, "page " + p + " lists " + page.users().size() + " members");
                outOfOrder++;
            }
            for (int i = 0; i < page.users().size(); i++) {
                String user = page.users().get(i);
                listed++;
                if (!seen.add(user)) {
                    duplicates++;
                    sample(samples, "listed twice: " + user + " (page " + p + ")");
                }
                if (!expected.contains(user)) {
                    unexpected++;
                    sample(samples, "not a member: " + user + " (page " + p + ")");
                }
                if (previous != null && user.compareTo(previous) <= 0) {
                    outOfOrder++;
                    sample(samples, user + " after " + previous + " (page " + p + ")");
                }
                if (page.connections().get(i) != 1) {
                    notOne++;
                    sample(samples, user + " with " + page.connections().get(i) + " connections");
                }
                previous = user;
            }
        }
        long missing = 0;
        for (String user : expected) {
            if (!seen.contains(user)) {
                missing++;
                sample(samples, "missing: " + user);
            }
        }
        return new PagingCheck(
                pages.size(), listed, missing, duplicates, unexpected, outOfOrder, counts, notOne, samples);
    }

    private static void sample(List<String> samples, String what) {
        if (samples.size() < 10) {
            samples.add(what);
        }
    }
}
