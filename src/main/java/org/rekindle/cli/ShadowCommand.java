package org.rekindle.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import org.rekindle.audit.BundleArchive;
import org.rekindle.audit.Database;
import org.rekindle.audit.ShadowSummary;

/**
 * {@code rekindle shadow --db ...}: the impact of the version in shadow on live requests, plainly: how many
 * decisions were compared and changed, the cards most often added and dropped, path changes, and which
 * replicas hold it ready. {@code --stop} ends the shadow.
 */
@Command(name = "shadow", mixinStandardHelpOptions = true,
        description = "Show what the ruleset in shadow would change on live requests (ids and counts only), and "
        + "which replicas hold it ready; --stop ends the shadow.")
final class ShadowCommand implements Callable<Integer> {

    /** How many cards are listed as added and as dropped. */
    private static final int TOP = 10;

    @Option(names = "--db", required = true, defaultValue = "${env:REKINDLE_DB}",
            description = "The fleet's database: a jdbc:postgresql://... URL (or a SQLite file), or $REKINDLE_DB.")
    String db;

    @Option(names = "--candidate", description = "A ruleset id: the impact of a candidate promoted or stopped since.")
    String candidate;

    @Option(names = "--stop", description = "End the shadow (its diffs stay until their decisions are erased).")
    boolean stop;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (Database database = Database.open(DbOption.parse(db, spec))) {
            BundleArchive archive = database.archive();
            Optional<BundleArchive.Publication> running = archive.shadowed();
            if (stop) {
                if (running.isEmpty() || !archive.stopShadow()) {
                    err.println("no ruleset is in shadow; nothing to stop");
                    return 1;
                }
                out.println("stopped: ruleset " + running.get().version() + " is no longer in shadow");
                return 0;
            }
            String version = candidate != null ? candidate : running.map(BundleArchive.Publication::version)
                    .orElse(null);
            if (version == null) {
                err.println("no ruleset is in shadow; put one there with rekindle publish --shadow, or name one "
                        + "with --candidate");
                return 1;
            }
            out.println("ruleset " + version + (running.isPresent() && running.get().version().equals(version)
                    ? " in shadow since " + running.get().at() : " (not in shadow now)"));
            List<BundleArchive.ReplicaReport> replicas = archive.replicas();
            for (BundleArchive.ReplicaReport replica : replicas) {
                out.println("  replica " + replica.replica() + ": " + (version.equals(replica.shadowReady()) ? "ready"
                        : version.equals(replica.shadowRefused()) ? "REFUSED it (see GET /v1/ruleset)"
                        : version.equals(replica.live()) ? "serving it" : "not ready") + ", serving "
                        + replica.live());
            }
            ShadowSummary impact = database.shadows().summary(version, TOP);
            out.println("decisions compared: " + impact.compared() + ", changed: " + impact.changed()
                    + ", focus changed: " + impact.focusChanged());
            print(out, "cards added", impact.added());
            print(out, "cards dropped", impact.dropped());
            if (impact.paths().isEmpty()) {
                out.println("path changes: none");
            } else {
                out.println("path changes:");
                impact.paths().forEach(p -> out.println("  " + p.from() + " -> " + p.to() + ": " + p.decisions()));
            }
            out.println("(decisions an answer to the private safety screen decided are not compared)");
            return 0;
        }
    }

    private static void print(PrintWriter out, String what, List<ShadowSummary.CardCount> cards) {
        if (cards.isEmpty()) {
            out.println(what + ": none");
            return;
        }
        out.println(what + ":");
        cards.forEach(c -> out.println("  " + c.card() + ": " + c.decisions()));
    }
}
