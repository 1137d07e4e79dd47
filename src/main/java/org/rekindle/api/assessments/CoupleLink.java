package org.rekindle.api.assessments;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

import org.rekindle.api.http.ApiError;
import org.rekindle.audit.DecisionLog;
import org.rekindle.content.FieldProblem;
import org.rekindle.decision.DecisionRecord;

/**
 * Keeps a couple's two sides apart before an assessment that names them is stored: a subject is one
 * partner of one couple (the shared view must never set a person against themselves, or carry their
 * answers into a couple they left), and a side once answered with a subject stays that subject's (no
 * other pseudonym, and no assessment without one, takes their place). What the check reads is what the
 * same app created; a refusal is {@code 409 couple_mismatch} naming the field to change.
 *
 * <p>The check reads the log, so two first posts for one side (or one subject's posts to two couples)
 * that race each other would both pass it before either is stored. {@link #hold} serialises them: the
 * caller holds the couple's and the subject's locks from the check until the decision is stored. The
 * locks are one server's; replicas behind a load balancer do not share them.
 */
final class CoupleLink {

    static final String CODE = "couple_mismatch";

    /** Lock stripes: posts of unrelated couples share one only by hash, and then merely wait their turn. */
    private static final int STRIPES = 64;

    private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];

    CoupleLink() {
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new ReentrantLock();
        }
    }

    /** Locks held from the check until the decision is stored; closing releases them. */
    @FunctionalInterface
    interface Held {
        void close();
    }

    /**
     * Takes the locks of the request's couple and subject (none without a couple), in stripe order so that
     * two posts never wait for each other.
     */
    Held hold(AssessmentRequest request, String owner) {
        if (request.couple() == null) {
            return () -> { };
        }
        int couple = stripe("couple", owner, request.couple());
        int subject = request.subject() == null ? couple : stripe("subject", owner, request.subject());
        ReentrantLock first = stripes[Math.min(couple, subject)];
        ReentrantLock second = stripes[Math.max(couple, subject)];
        first.lock();
        if (second != first) {
            second.lock();
        }
        return () -> {
            if (second != first) {
                second.unlock();
            }
            first.unlock();
        };
    }

    private static int stripe(String kind, String owner, String id) {
        return Math.floorMod(Objects.hash(kind, owner, id), STRIPES);
    }

    /** @throws ApiError 409 when the request would give a subject a second side, or a side a second subject */
    static void check(DecisionLog log, AssessmentRequest request, String owner) {
        String couple = request.couple();
        if (couple == null) {
            return;
        }
        String subject = request.subject();
        if (subject != null) {
            for (DecisionRecord earlier : log.ofSubject(subject, owner)) {
                if (earlier.couple() == null) {
                    continue;
                }
                if (!earlier.couple().equals(couple)) {
                    throw conflict("couple", "subject '" + subject + "' is a partner of another couple; a subject "
                            + "belongs to one couple: post it with that couple, or use a new subject for this one");
                }
                if (!Objects.equals(earlier.partner(), request.partner())) {
                    throw conflict("partner", "subject '" + subject + "' is partner '" + earlier.partner()
                            + "' of couple '" + couple + "'; each partner answers for themselves: post it as partner '"
                            + earlier.partner() + "', or post the other partner's answers with their own subject");
                }
            }
        }
        List<DecisionRecord> side = log.ofCouple(couple, owner).stream()
                .filter(r -> request.partner().equals(r.partner()) && r.subject() != null).toList();
        for (DecisionRecord earlier : side) {
            if (!earlier.subject().equals(subject)) {
                throw conflict("subject", "partner '" + request.partner() + "' of couple '" + couple + "' has answered "
                        + "with another subject; post this partner's assessments with that subject (or erase it "
                        + "first to start over)");
            }
        }
    }

    private static ApiError conflict(String field, String problem) {
        return new ApiError(409, CODE, problem, List.of(new FieldProblem(field, problem)));
    }
}
