package org.rekindle.live;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Function;
import java.util.function.Supplier;

import org.rekindle.audit.AlteredBundle;
import org.rekindle.audit.BundleArchive;
import org.rekindle.bundle.Bundle;
import org.rekindle.bundle.Problem;
import org.rekindle.content.Content;
import org.rekindle.content.ContentLoader;
import org.rekindle.ruleset.RuleBook;
import org.rekindle.ruleset.Ruleset;
import org.rekindle.ruleset.RulesetLoader;

/**
 * Every ruleset that was ever live, rebuilt on demand from the files the {@link BundleArchive} keeps of it.
 * Compiling costs about a second, so the most recently used few are kept compiled; the live one is
 * always at hand. Two requests for the same version compile it once.
 */
public final class RulesetArchive {

    /** How many rebuilt rulesets stay compiled by default. */
    public static final int CAPACITY = 4;

    /** A version that cannot be rebuilt: never stored here, or its stored files no longer load. */
    public static final class Unavailable extends RuntimeException {

        private final transient List<Problem> problems;
        private final boolean altered;

        Unavailable(String message, List<Problem> problems) {
            this(message, problems, false);
        }

        private Unavailable(String message, List<Problem> problems, boolean altered) {
            super(message, null, false, false);
            this.problems = List.copyOf(problems);
            this.altered = altered;
        }

        /** True when the version's files were stored but changed or removed since. */
        public boolean altered() {
            return altered;
        }

        /** Why the stored files do not load now; empty when the version was never stored. */
        public List<Problem> problems() {
            return problems;
        }
    }

    private final BundleArchive bundles;
    private final LiveRuleset live;
    private final Map<String, FutureTask<Ruleset>> compiled;
    private final Map<String, Content> contents;
    private final Map<String, RuleBook> books;

    public RulesetArchive(BundleArchive bundles, LiveRuleset live, int capacity) {
        this.bundles = bundles;
        this.live = live;
        this.compiled = lru(capacity);
        this.contents = lru(capacity);
        this.books = lru(capacity);
    }

    /**
     * An archive with nothing live, as the command line reads stored decisions: every version is read
     * from the files the decision log archived when it went live.
     */
    public static RulesetArchive ofStored(BundleArchive bundles, int capacity) {
        return new RulesetArchive(bundles, new LiveRuleset(ruleset -> { }, Clock.systemUTC()), capacity);
    }

    private static <V> Map<String, V> lru(int capacity) {
        return new LinkedHashMap<>(capacity + 1, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > capacity;
            }
        };
    }

    /**
     * The questionnaire and guidance of {@code version}: what its cards said. Only the content files
     * are read (a few milliseconds, no compiling), so reading an old decision stays cheap.
     *
     * @throws Unavailable when the version's files are not in the decision log or no longer load
     */
    public Content content(String version) {
        return readOnce(contents, version, Ruleset::content, () -> {
            ContentLoader.Result loaded = ContentLoader.load(stored(version));
            if (!loaded.problems().isEmpty()) {
                throw new Unavailable("the content of ruleset " + version + " was stored, but no longer loads with "
                        + "this version of Rekindle; see problems", loaded.problems());
            }
            return loaded.content();
        });
    }

    /**
     * What the rules of {@code version} say of themselves, by id: what a stored decision of that version
     * looks up of each firing. The rule files are read and checked but not compiled (tens of milliseconds),
     * once per version while it is among the most recently used.
     *
     * @throws Unavailable when the version's files are not in the decision log or no longer read
     */
    public RuleBook rules(String version) {
        return readOnce(books, version, Ruleset::ruleBook, () -> {
            RulesetLoader.Rules read = RulesetLoader.rules(stored(version));
            if (!read.ok()) {
                throw new Unavailable("the rules of ruleset " + version + " were stored, but no longer read with "
                        + "this version of Rekindle; see problems", read.problems());
            }
            return read.book();
        });
    }

    /**
     * What {@code ofLive} takes from the live ruleset when it is {@code version}; otherwise {@code cache}'s
     * entry, read from the version's stored files by {@code read} the first time. Two threads may both read
     * it; either result is the same.
     */
    private <T> T readOnce(Map<String, T> cache, String version, Function<Ruleset, T> ofLive, Supplier<T> read) {
        Ruleset current = liveAt(version);
        if (current != null) {
            return ofLive.apply(current);
        }
        synchronized (cache) {
            T known = cache.get(version);
            if (known != null) {
                return known;
            }
        }
        T loaded = read.get();
        synchronized (cache) {
            cache.put(version, loaded);
        }
        return loaded;
    }

    /**
     * The ruleset of {@code version}, exactly as it was built from its files.
     *
     * @throws Unavailable when the version's files are not in the decision log or no longer load
     */
    public Ruleset ruleset(String version) {
        Ruleset current = liveAt(version);
        if (current != null) {
            return current;
        }
        FutureTask<Ruleset> task;
        boolean mine = false;
        synchronized (compiled) {
            task = compiled.get(version);
            if (task == null) {
                task = new FutureTask<>(() -> rebuild(version));
                compiled.put(version, task);
                mine = true;
            }
        }
        if (mine) {
            task.run(); // outside the lock: other versions stay available while this one compiles
        }
        try {
            return task.get();
        } catch (ExecutionException e) {
            synchronized (compiled) {
                compiled.remove(version, task); // failures are not kept: the next request tries again
            }
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException("could not rebuild ruleset " + version, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while rebuilding ruleset " + version, e);
        }
    }

    /** The live ruleset when it is {@code version}, else null: the common case needs no archive. */
    private Ruleset liveAt(String version) {
        return live.current().map(LiveRuleset.Live::ruleset).filter(r -> r.version().equals(version)).orElse(null);
    }

    private Bundle stored(String version) {
        Optional<Bundle> bundle;
        try {
            bundle = bundles.bundle(version);
        } catch (AlteredBundle e) {
            throw new Unavailable(e.getMessage(), List.of(), true);
        }
        return bundle.orElseThrow(() -> new Unavailable("ruleset " + version
                + " is not in the decision log; only versions that went live are kept", List.of()));
    }

    private Ruleset rebuild(String version) {
        RulesetLoader.Result loaded = RulesetLoader.load(stored(version));
        if (!loaded.ok()) {
            throw new Unavailable("ruleset " + version + " was stored, but its files no longer load with this "
                    + "version of Rekindle; see problems", loaded.problems());
        }
        return loaded.ruleset();
    }
}
