package io.switchboard.launcher.dev;

import java.util.List;

/**
 * The demo's book requests, the seed scenario of audience routing: the viewer of dev mode asks for a book, an admin
 * decides, again and again. Each change is a {@code status_changed} event on {@code book_requests} for the requester
 * and every admin, and a {@code pending_count} update for the admins only (DESIGN.md, "Domain events").
 */
final class BookRequests {
    static final String FAMILY = "book_requests";
    static final String ADMIN_ROLE = "admin";

    private static final List<String> TITLES =
            List.of("Dune", "Kindred", "Neuromancer", "The Dispossessed", "The Left Hand of Darkness");

    private final String requester;
    private long requestId;
    private boolean open;

    /** @param requester the user id who asks for every book */
    BookRequests(String requester) {
        this.requester = requester;
    }

    /** The next change: a new request, pending, or the decision on the open one (approved or rejected, in turn). */
    Change next() {
        if (!open) {
            requestId++;
            open = true;
            return change("pending");
        }
        open = false;
        return change(requestId % 3 == 0 ? "rejected" : "approved");
    }

    String requester() {
        return requester;
    }

    private Change change(String status) {
        String title = TITLES.get((int) ((requestId - 1) % TITLES.size()));
        return new Change(requestId, title, requester, status, open ? 1 : 0);
    }

    /**
     * One status change.
     *
     * @param requestId the request's number
     * @param title the book asked for
     * @param requestedBy the requester's user id
     * @param status pending, approved or rejected
     * @param pending how many requests wait for an admin after the change
     */
    record Change(long requestId, String title, String requestedBy, String status, int pending) {}
}
