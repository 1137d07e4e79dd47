package org.rekindle.api.audit;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;

import org.rekindle.json.Json;
import org.rekindle.live.RulesetArchive;
import org.rekindle.api.access.AnswerMask;
import org.rekindle.audit.DecisionLog;
import org.rekindle.content.Content;

/**
 * A period of the decision log as NDJSON, for {@code rekindle export}: the same lines as
 * {@code GET /v1/decisions/export}, private answers masked unless asked for.
 */
public final class DecisionExport {

    private DecisionExport() {
    }

    /**
     * Writes the decisions created in {@code [from, to)} to {@code out}, oldest first, one a line.
     *
     * @param privateFrom the content whose questionnaire says which answers are private (they are masked),
     *                    or null to write every answer as stored
     * @param archive     the rules of each decision's version, for {@link Decisions#line}
     * @return how many decisions were written
     */
    public static long write(DecisionLog log, Instant from, Instant to, Content privateFrom, RulesetArchive archive,
            OutputStream out) throws IOException {
        AnswerMask mask = privateFrom == null ? AnswerMask.NONE : AnswerMask.of(List.of(privateFrom));
        long[] written = {0};
        try {
            log.export(from, to, record -> {
                try {
                    out.write(Json.MAPPER.writeValueAsBytes(Decisions.line(record, mask, archive)));
                    out.write('\n');
                    written[0]++;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        out.flush();
        return written[0];
    }
}
