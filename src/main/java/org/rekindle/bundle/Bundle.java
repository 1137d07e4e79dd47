package org.rekindle.bundle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Everything a ruleset is made of: the rule files and the content files, with a version that is
 * a hash of their paths and bytes. Two bundles with the same files have the same version, wherever
 * they were read from, so the version in a stored decision names exactly the files that made it.
 */
public final class Bundle {

    /** File endings that belong to a bundle; anything else in the folders (editor backups, notes) is ignored. */
    private static final List<String> RULE_ENDINGS = List.of(".drl", ".cases.yaml", ".drl.csv", ".drl.xlsx");
    /** The rule files proper: DRL and the decision tables Drools knows by these names. */
    private static final List<String> RULE_FILE_ENDINGS = List.of(".drl", ".drl.csv", ".drl.xlsx");
    private static final List<String> CONTENT_ENDINGS = List.of(".yaml", ".yml");

    private final List<BundleFile> files;
    private final String version;

    public Bundle(List<BundleFile> files) {
        List<BundleFile> sorted = new ArrayList<>(files);
        sorted.sort(Comparator.comparing(BundleFile::path));
        this.files = List.copyOf(sorted);
        this.version = hash(this.files);
    }

    /** Reads {@code rulesDir} and {@code contentDir} from disk. */
    public static Bundle read(Path rulesDir, Path contentDir) {
        List<BundleFile> files = new ArrayList<>();
        collect(rulesDir, "rules/", RULE_ENDINGS, files);
        collect(contentDir, "content/", CONTENT_ENDINGS, files);
        return new Bundle(files);
    }

    /** The 12-hex-digit content hash naming this bundle. */
    public String version() {
        return version;
    }

    public List<BundleFile> files() {
        return files;
    }

    /** The files under {@code prefix} ({@code "rules/"} or {@code "content/"}) whose path ends with {@code ending}. */
    public List<BundleFile> files(String prefix, String ending) {
        return files.stream().filter(f -> f.path().startsWith(prefix) && f.path().endsWith(ending)).toList();
    }

    /**
     * This bundle with {@code replaced} files written over it (or added) and the {@code removed} paths
     * taken out: the candidate of an edit, as it would be read once the edit is saved.
     *
     * @param replaced bundle path ({@code rules/...}, {@code content/...}) to the file's new bytes
     * @throws IllegalArgumentException naming the path, when a path is not one {@link #read} would pick up
     *                                  or a removed path is not in this bundle
     */
    public Bundle with(Map<String, byte[]> replaced, Collection<String> removed) {
        Map<String, byte[]> files = new TreeMap<>();
        this.files.forEach(file -> files.put(file.path(), file.bytes()));
        for (String path : removed) {
            if (files.remove(path) == null) {
                throw new IllegalArgumentException(path + " is not a file of ruleset " + version);
            }
        }
        replaced.forEach((path, bytes) -> {
            if (!belongs(path)) {
                throw new IllegalArgumentException(path + " is not a rule or content file: expected rules/<name>"
                        + " ending in " + RULE_ENDINGS + ", or content/<folder>/<name> ending in " + CONTENT_ENDINGS);
            }
            files.put(path, bytes.clone());
        });
        return new Bundle(files.entrySet().stream().map(e -> new BundleFile(e.getKey(), e.getValue())).toList());
    }

    /**
     * True when {@link #read} would take a file at this bundle path: under {@code rules/} or
     * {@code content/}, no hidden or empty segments, no {@code ..}, and a bundle file ending.
     */
    public static boolean belongs(String path) {
        if (path == null || path.contains("\\") || path.contains("//") || path.contains("/.")
                || path.endsWith("/")) {
            return false;
        }
        if (path.startsWith("rules/")) {
            return RULE_ENDINGS.stream().anyMatch(path::endsWith);
        }
        return path.startsWith("content/") && CONTENT_ENDINGS.stream().anyMatch(path::endsWith);
    }

    /** The rule files: {@code rules/*.drl} and the decision tables {@code rules/*.drl.csv} and {@code *.drl.xlsx}. */
    public List<BundleFile> ruleFiles() {
        return files.stream().filter(f -> f.path().startsWith("rules/")
                && RULE_FILE_ENDINGS.stream().anyMatch(f.path()::endsWith)).toList();
    }

    private static void collect(Path root, String prefix, List<String> endings, List<BundleFile> into) {
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException("not a folder: " + root.toAbsolutePath()
                    + " (point --rules and --content at the folders that hold the rule and content files)");
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.filter(Files::isRegularFile).sorted().toList()) {
                String relative = root.relativize(path).toString().replace('\\', '/');
                if (relative.startsWith(".") || relative.contains("/.")
                        || endings.stream().noneMatch(relative::endsWith)) {
                    continue;
                }
                into.add(new BundleFile(prefix + relative, Files.readAllBytes(path)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + root.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }

    private static String hash(List<BundleFile> files) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (BundleFile file : files) {
                digest.update(file.path().getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(Integer.toString(file.bytes().length).getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(file.bytes());
            }
            return HexFormat.of().formatHex(digest.digest()).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
        }
    }
}
