package org.rekindle.live;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

import org.rekindle.bundle.Bundle;
import org.rekindle.bundle.Problem;
import org.rekindle.engine.EvaluationLimits;
import org.rekindle.ruleset.Ruleset;
import org.rekindle.scenario.Acceptance;

/**
 * The ruleset the server evaluates with, and the lifecycle that replaces it. A candidate goes live
 * only if {@link Acceptance} accepts it (it compiles, passes the policy and the cross-checks, and
 * passes and covers its scenario cases); otherwise the live ruleset stays and the attempt is kept
 * with its problems. Readers take {@link #current()} once per
 * request and keep that ruleset to the end, so a swap never changes a request half-way.
 *
 * <p>Reads ({@link #current}, {@link #lastAttempt}, {@link #history}) never wait for a reload in
 * progress: they read immutable snapshots.
 */
public final class LiveRuleset {

    /** How many activations {@link #history} keeps. */
    public static final int HISTORY = 50;

    /** The ruleset in use and since when. */
    public record Live(Ruleset ruleset, Instant since) {
    }

    /** A version that went live, and when: only names, so the history holds no compiled ruleset. */
    public record Activation(String version, Instant since) {
    }

    /**
     * One load attempt: which version (null when the files could not even be read), whether it went
     * live (or already was), and why not.
     */
    public record Attempt(Instant at, String version, boolean accepted, List<Problem> problems) {
    }

    /** Counts since start: rulesets that went live, and attempts that were rejected. */
    public record Stats(long activations, long rejections) {
    }

    private final AtomicReference<Live> live = new AtomicReference<>();
    private final AtomicReference<List<Activation>> history = new AtomicReference<>(List.of());
    private final AtomicReference<Attempt> lastAttempt = new AtomicReference<>();
    /** A candidate compiled and accepted but not live (a version in shadow), ready to swap in. */
    private final AtomicReference<Ruleset> staged = new AtomicReference<>();
    /** How long a reload waits for one in progress before it gives up. */
    public static final Duration LOCK_WAIT = Duration.ofSeconds(60);

    private final ReentrantLock lock = new ReentrantLock();
    /** The last version rejected for what its files hold (guarded by lock): the same files fail the same way. */
    private Attempt lastInvalid;
    private final AtomicLong activations = new AtomicLong();
    private final AtomicLong rejections = new AtomicLong();
    private final Consumer<Ruleset> onActivate;
    private final Clock clock;
    private final EvaluationLimits limits;

    /**
     * @param onActivate called with each ruleset before it goes live (for example to store its files);
     *                   if it throws, the ruleset does not go live
     */
    public LiveRuleset(Consumer<Ruleset> onActivate, Clock clock) {
        this(onActivate, clock, EvaluationLimits.DEFAULT);
    }

    /**
     * @param limits the limits the server evaluates under: every candidate's scenario cases run under its
     *               firing limit, so that no ruleset goes live whose cases the server would stop with a 503
     */
    public LiveRuleset(Consumer<Ruleset> onActivate, Clock clock, EvaluationLimits limits) {
        this.onActivate = onActivate;
        this.clock = clock;
        // The firing count is the rules' own, so a case that crosses the server's limit would cross it live;
        // the time a case takes is the machine's (a cold or busy one is slower), so cases keep the default
        // budget when the server's is shorter, rather than refusing good rules on a slow start.
        this.limits = new EvaluationLimits(limits.firings(),
                limits.time().compareTo(EvaluationLimits.DEFAULT.time()) > 0 ? limits.time() : EvaluationLimits.DEFAULT.time());
    }

    /** The limits candidates' scenario cases run under: the server's firing limit, and at least the default time budget. */
    public EvaluationLimits limits() {
        return limits;
    }

    /** The live ruleset, if one ever loaded. */
    public Optional<Live> current() {
        return Optional.ofNullable(live.get());
    }

    /** The live ruleset's version, if one ever loaded. */
    public Optional<String> version() {
        return current().map(l -> l.ruleset().version());
    }

    public Optional<Attempt> lastAttempt() {
        return Optional.ofNullable(lastAttempt.get());
    }

    /**
     * The last {@value #HISTORY} rulesets that went live, newest first. A version was live from its
     * {@code since} until the {@code since} of the entry before it in this list (or until now).
     */
    public List<Activation> history() {
        return history.get();
    }

    /** The candidate held ready, if one is staged (see {@link #stage}). */
    public Optional<Ruleset> staged() {
        return Optional.ofNullable(staged.get());
    }

    /**
     * Compiles and accepts {@code bundle} as {@link #offer} would, but keeps it beside the live ruleset
     * instead of swapping: a candidate in shadow. A later {@link #offer} or {@link #promote} of the same
     * version swaps it in without compiling again. Replaces any staged candidate when accepted; leaves it
     * when not. Neither the live ruleset, its history nor its last attempt change. Never throws for a bad
     * bundle.
     */
    public Attempt stage(Bundle bundle) {
        Instant started = clock.instant();
        Ruleset ready = staged.get();
        if (ready != null && ready.version().equals(bundle.version())) {
            return new Attempt(started, bundle.version(), true, List.of());
        }
        try {
            Acceptance.Verdict verdict = Acceptance.of(bundle, limits);
            if (!verdict.accepted()) {
                return new Attempt(started, bundle.version(), false, List.copyOf(verdict.problems()));
            }
            staged.set(verdict.ruleset());
            return new Attempt(started, bundle.version(), true, List.of());
        } catch (RuntimeException | StackOverflowError | LinkageError e) {
            return new Attempt(started, bundle.version(), false, List.of(Problem.inFile("rules/",
                    "could not load: " + e.getClass().getSimpleName() + ": " + e.getMessage())));
        }
    }

    /** Lets go of the staged candidate (the shadow ended). */
    public void unstage() {
        staged.set(null);
    }

    /**
     * Swaps in the staged candidate when it is {@code version}: a promotion, with no compiling.
     *
     * @return the attempt, or empty when no candidate of that version is staged (then {@link #offer} the files)
     */
    public Optional<Attempt> promote(String version) {
        Ruleset ready = staged.get();
        if (ready == null || !ready.version().equals(version)) {
            return Optional.empty();
        }
        Instant started = clock.instant();
        lock.lock();
        try {
            Live current = live.get();
            if (current != null && current.ruleset().version().equals(version)) {
                return Optional.of(record(new Attempt(started, version, true, List.of())));
            }
            return Optional.of(activate(ready, started));
        } finally {
            lock.unlock();
        }
    }

    public Stats stats() {
        return new Stats(activations.get(), rejections.get());
    }

    /**
     * Tries {@code bundle} as the new live ruleset. Serialised: concurrent reloads run one at a time,
     * and one that waits longer than {@link #LOCK_WAIT} for another to finish is rejected, saying so.
     * A bundle with the live version is accepted without rebuilding, and one with the version last
     * rejected for its contents is rejected again with the same problems, without rebuilding. Never
     * throws for a bad bundle: every failure, expected or not, comes back as a rejected attempt.
     */
    public Attempt offer(Bundle bundle) {
        Instant started = clock.instant();
        boolean locked;
        try {
            locked = lock.tryLock(LOCK_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            locked = false;
        }
        if (!locked) {
            return reject(started, bundle.version(), List.of(Problem.inFile("rules/", "another reload has been "
                    + "running for over " + LOCK_WAIT.toSeconds() + " s; the live ruleset stays. Reload again once "
                    + "GET /v1/ruleset shows it finished")));
        }
        try {
            return offerLocked(bundle, started);
        } finally {
            lock.unlock();
        }
    }

    private Attempt offerLocked(Bundle bundle, Instant started) {
        Live current = live.get();
        if (current != null && current.ruleset().version().equals(bundle.version())) {
            return record(new Attempt(started, bundle.version(), true, List.of()));
        }
        if (lastInvalid != null && lastInvalid.version().equals(bundle.version())) {
            // Loading is pure: the watcher and a POST /v1/admin/reload racing over one broken edit, or a
            // touch of an unrelated file, need not compile the same files again to fail the same way.
            return reject(started, bundle.version(), lastInvalid.problems());
        }
        Ruleset ready = staged.get();
        if (ready != null && ready.version().equals(bundle.version())) {
            return activate(ready, started); // accepted when it was staged: same files, same verdict
        }
        Ruleset ruleset;
        try {
            Acceptance.Verdict verdict = Acceptance.of(bundle, limits);
            if (!verdict.accepted()) {
                lastInvalid = reject(started, bundle.version(), verdict.problems());
                return lastInvalid;
            }
            ruleset = verdict.ruleset();
        } catch (RuntimeException | StackOverflowError | LinkageError e) {
            // Drools throws for a few malformed inputs instead of reporting them; never let that escape.
            return reject(started, bundle.version(), List.of(Problem.inFile("rules/",
                    "could not load: " + e.getClass().getSimpleName() + ": " + e.getMessage())));
        }
        return activate(ruleset, started);
    }

    /** Stores and swaps in an accepted ruleset (the lock is held). */
    private Attempt activate(Ruleset ruleset, Instant started) {
        try {
            onActivate.accept(ruleset);
        } catch (RuntimeException e) {
            return reject(started, ruleset.version(), List.of(Problem.inFile("rules/",
                    "could not activate: " + e.getMessage())));
        }
        // Taken at the swap, not when the attempt started: a request that began before this instant
        // may still have been served by the ruleset before.
        Live next = new Live(ruleset, clock.instant());
        live.set(next);
        List<Activation> newest = new ArrayList<>(HISTORY);
        newest.add(new Activation(ruleset.version(), next.since()));
        history.get().stream().limit(HISTORY - 1).forEach(newest::add);
        history.set(List.copyOf(newest));
        activations.incrementAndGet();
        staged.compareAndSet(ruleset, null); // promoted: no longer a candidate
        return record(new Attempt(started, ruleset.version(), true, List.of()));
    }

    /**
     * Records an attempt that failed before or outside {@link #offer} (files that could not be read, a
     * reload that ran past its time limit), so that it is reported like any other. Takes no lock: it
     * must work while a stuck reload holds one.
     */
    public Attempt failed(String version, Problem problem) {
        return reject(clock.instant(), version, List.of(problem));
    }

    private Attempt reject(Instant at, String version, List<Problem> problems) {
        rejections.incrementAndGet();
        return record(new Attempt(at, version, false, List.copyOf(problems)));
    }

    private Attempt record(Attempt attempt) {
        lastAttempt.set(attempt);
        return attempt;
    }
}
