package org.rekindle.cli;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import org.rekindle.api.audit.DecisionExport;
import org.rekindle.audit.Database;
import org.rekindle.content.ContentLoader;
import org.rekindle.live.RulesetArchive;

/**
 * {@code rekindle export --from T --to T}: a period of the decision log as NDJSON, one decision a line,
 * oldest first, with the answers to private questions masked unless {@code --private-answers} is given.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Write the decisions created from --from (inclusive) to --to (exclusive) as NDJSON, one a "
                + "line, oldest first: id, createdAt, rulesetVersion, subject, couple, partner, answers, plan and "
                + "trace as stored (a trace of form 4 as form 3 kept it, each firing in full, from the rules of its "
                + "version). Answers to questions the questionnaire under --content marks private are "
                + "written as \"***\" unless --private-answers is given.",
                "Exits 2 when a time cannot be read or the decision log cannot be opened."})
final class ExportCommand implements Callable<Integer> {

    @Mixin
    RulesOptions options;

    @Mixin
    DbOption db;

    @Option(names = "--from", paramLabel = "TIME", description = "UTC time, such as 2026-11-01T00:00:00Z.")
    String from;

    @Option(names = "--to", paramLabel = "TIME", description = "UTC time, such as 2026-12-01T00:00:00Z.")
    String to;

    @Option(names = "--out", paramLabel = "FILE", description = "Write here instead of standard output.")
    Path out;

    @Option(names = "--private-answers", description = "Write the answers to private questions as given.")
    boolean privateAnswers;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Instant start = time(from, "--from");
        Instant end = time(to, "--to");
        var content = privateAnswers ? null : ContentLoader.load(options.bundle()).content();
        if (!privateAnswers && content == null) {
            spec.commandLine().getErr().println("the content under " + options.content + " does not load, so which "
                    + "answers are private is unknown; run 'validate', or pass --private-answers");
            return 2;
        }
        long written;
        try (Database database = Database.open(db.setting(spec));
             OutputStream sink = out == null ? new NonClosing(System.out) : Files.newOutputStream(out);
             OutputStream buffered = new BufferedOutputStream(sink, 1 << 16)) {
            RulesetArchive archive = RulesetArchive.ofStored(database.archive(), RulesetArchive.CAPACITY);
            written = DecisionExport.write(database.decisionLog(), start, end, content, archive, buffered);
        }
        PrintWriter err = spec.commandLine().getErr();
        err.println(written + " decision(s) exported" + (privateAnswers ? "" : ", private answers masked"));
        return 0;
    }

    private Instant time(String value, String option) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new ParameterException(spec.commandLine(), option + " must be a UTC time such as "
                    + "2026-11-01T00:00:00Z, got " + value);
        }
    }

    /** Standard output, left open when the export is done. */
    private static final class NonClosing extends java.io.FilterOutputStream {

        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
