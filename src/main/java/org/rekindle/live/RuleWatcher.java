package org.rekindle.live;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;
import static java.nio.file.StandardWatchEventKinds.OVERFLOW;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches folders (and every subfolder, including ones created later) and calls {@code onChange}
 * once they have been quiet for a moment, so that an editor's save, or a {@code git pull} touching
 * twenty files, costs one reload rather than twenty. While changes keep arriving (a long copy),
 * {@code onChange} still runs at least every {@link #MAX_DELAY}.
 *
 * <p>{@code onChange} runs on the watcher's single thread, never two at a time; anything it throws is
 * logged (its class only) and the watcher carries on. A reload bounds its own time ({@link Reloader}). Hidden files and editor backups
 * ({@code .name}, {@code name~}, {@code *.swp}) are ignored. On Linux the JDK's watch service is
 * inotify, so a save is seen within milliseconds; on macOS it polls, and can take seconds.
 *
 * <p>A watched folder that is deleted stops being watched (logged); {@code POST /v1/admin/reload}
 * still works then.
 */
public final class RuleWatcher implements AutoCloseable {

    /** How long the folders must be quiet before a reload. */
    public static final Duration QUIET = Duration.ofMillis(200);
    /** The longest a reload waits for quiet while changes keep coming. */
    public static final Duration MAX_DELAY = Duration.ofSeconds(2);

    private static final Logger LOG = LoggerFactory.getLogger(RuleWatcher.class);

    private final WatchService service;
    private final Map<WatchKey, Path> folders = new ConcurrentHashMap<>();
    private final List<Path> roots;
    private final Duration quiet;
    private final Runnable onChange;
    private final Thread thread;

    private RuleWatcher(WatchService service, List<Path> roots, Duration quiet, Runnable onChange) {
        this.service = service;
        this.roots = roots;
        this.quiet = quiet;
        this.onChange = onChange;
        this.thread = new Thread(this::run, "rekindle-rule-watcher");
        this.thread.setDaemon(true);
    }

    /**
     * Starts watching {@code roots} recursively. Every folder is registered before this returns, so a
     * change made right after is seen.
     *
     * @throws UncheckedIOException when a folder cannot be watched (for example, too many inotify
     *                              watches); nothing is left running then
     */
    public static RuleWatcher start(List<Path> roots, Duration quiet, Runnable onChange) {
        WatchService service;
        try {
            service = FileSystems.getDefault().newWatchService();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start watching the rule and content folders: "
                    + e.getMessage(), e);
        }
        RuleWatcher watcher = new RuleWatcher(service, List.copyOf(roots), quiet, onChange);
        try {
            for (Path root : roots) {
                watcher.registerAll(root);
            }
        } catch (IOException e) {
            watcher.closeService();
            throw new UncheckedIOException("could not watch " + e.getMessage()
                    + " (start with --no-watch and reload with POST /v1/admin/reload instead)", e);
        }
        watcher.thread.start();
        return watcher;
    }

    /** Stops watching and waits for a reload in progress to finish. */
    @Override
    public void close() {
        closeService();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        try {
            while (true) {
                boolean changed = drain(service.take());
                long deadline = System.nanoTime() + MAX_DELAY.toNanos();
                while (true) {
                    long wait = Math.min(quiet.toNanos(), deadline - System.nanoTime());
                    WatchKey next = wait <= 0 ? null : service.poll(wait, TimeUnit.NANOSECONDS);
                    if (next == null) {
                        break;
                    }
                    changed |= drain(next);
                }
                if (changed) {
                    notifyChange();
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException stopped) {
            // close() was called: leave quietly
        }
    }

    private void notifyChange() {
        try {
            onChange.run();
        } catch (Throwable e) { // nothing a reload does may stop the watcher: later edits must still be seen
            LOG.error("reload after a file change failed with {}; the watcher carries on", e.getClass().getName());
        }
    }

    /** Handles one folder's events; true when any of them concerns a file that may be part of a ruleset. */
    private boolean drain(WatchKey key) {
        Path folder = folders.get(key);
        boolean changed = false;
        for (WatchEvent<?> event : key.pollEvents()) {
            if (event.kind() == OVERFLOW || folder == null) {
                changed = true; // events were lost: reload to be sure
                continue;
            }
            Path name = (Path) event.context();
            if (ignored(name.toString())) {
                continue;
            }
            changed = true;
            Path child = folder.resolve(name);
            if (event.kind() == ENTRY_CREATE && Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)) {
                try {
                    registerAll(child);
                } catch (IOException e) {
                    LOG.warn("could not watch the new folder {}: {}", child, e.getClass().getSimpleName());
                }
            }
        }
        if (!key.reset()) {
            folders.remove(key);
            if (roots.contains(folder)) {
                LOG.warn("{} is gone and no longer watched; reload with POST /v1/admin/reload once it is back, or "
                        + "restart", folder);
            }
        }
        return changed;
    }

    private void registerAll(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path folder : walk.filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).toList()) {
                if (folder.equals(root) || !ignored(folder.getFileName().toString())) {
                    folders.put(folder.register(service, ENTRY_CREATE, ENTRY_MODIFY, ENTRY_DELETE), folder);
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static boolean ignored(String name) {
        return name.startsWith(".") || name.endsWith("~") || name.endsWith(".swp") || name.endsWith(".swx");
    }

    private void closeService() {
        try {
            service.close();
        } catch (IOException e) {
            LOG.warn("could not close the file watcher: {}", e.getClass().getSimpleName());
        }
    }
}
