package org.rekindle.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/** The {@link ShadowStore} over the {@link Database}: table {@code shadow_diffs}, one row per compared decision. */
final class JdbcShadowStore implements ShadowStore {

    /** The guard leaves out a diff whose decision was erased before it arrived; the foreign key catches a race. */
    private static final String INSERT = "INSERT INTO shadow_diffs (decision_id, candidate, live_version, compared_at,"
            + " path_from, path_to, focus_changed, cards_added, cards_dropped) SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?"
            + " WHERE EXISTS (SELECT 1 FROM decisions WHERE id = ?) ON CONFLICT (decision_id) DO NOTHING";

    private final Database database;
    private final Dialect dialect;

    JdbcShadowStore(Database database) {
        this.database = database;
        this.dialect = database.dialect();
    }

    @Override
    public void record(List<ShadowDiff> diffs) {
        if (diffs.isEmpty()) {
            return;
        }
        try (Connection connection = database.connection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement statement = connection.prepareStatement(INSERT)) {
                if (dialect == Dialect.POSTGRESQL) {
                    try (Statement local = connection.createStatement()) {
                        local.execute("SET LOCAL synchronous_commit = off");
                    }
                }
                for (ShadowDiff diff : diffs) {
                    statement.setString(1, diff.decisionId());
                    statement.setString(2, diff.candidate());
                    statement.setString(3, diff.liveVersion());
                    dialect.bindInstant(statement, 4, diff.comparedAt());
                    statement.setString(5, diff.pathFrom());
                    statement.setString(6, diff.pathTo());
                    statement.setBoolean(7, diff.focusChanged());
                    statement.setString(8, String.join(" ", diff.added()));
                    statement.setString(9, String.join(" ", diff.dropped()));
                    statement.setString(10, diff.decisionId());
                    statement.addBatch();
                }
                statement.executeBatch();
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                Database.rollback(connection, e);
                throw e;
            }
        } catch (SQLException e) {
            throw new DecisionLogException("could not store " + diffs.size() + " shadow diff(s): " + e.getMessage(), e);
        }
    }

    @Override
    public ShadowSummary summary(String candidate, int top) {
        Database.requireText(candidate, "candidate");
        long compared = 0;
        long changed = 0;
        long focusChanged = 0;
        Map<String, Long> added = new HashMap<>();
        Map<String, Long> dropped = new HashMap<>();
        Map<List<String>, Long> paths = new HashMap<>();
        try (Connection connection = database.connection();
             PreparedStatement statement = connection.prepareStatement("SELECT path_from, path_to, focus_changed,"
                     + " cards_added, cards_dropped FROM shadow_diffs WHERE candidate = ?")) {
            statement.setString(1, candidate);
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    compared++;
                    String from = row.getString(1);
                    String to = row.getString(2);
                    boolean focus = row.getBoolean(3);
                    List<String> plus = ids(row.getString(4));
                    List<String> minus = ids(row.getString(5));
                    boolean pathMoved = !Objects.equals(from, to);
                    if (focus || pathMoved || !plus.isEmpty() || !minus.isEmpty()) {
                        changed++;
                    }
                    focusChanged += focus ? 1 : 0;
                    plus.forEach(card -> added.merge(card, 1L, Long::sum));
                    minus.forEach(card -> dropped.merge(card, 1L, Long::sum));
                    if (pathMoved) {
                        paths.merge(Arrays.asList(from, to), 1L, Long::sum);
                    }
                }
            }
        } catch (SQLException e) {
            throw new DecisionLogException("could not read the shadow diffs of " + candidate + ": " + e.getMessage(), e);
        }
        return new ShadowSummary(candidate, compared, changed, focusChanged,
                most(added, top, e -> new ShadowSummary.CardCount(e.getKey(), e.getValue())),
                most(dropped, top, e -> new ShadowSummary.CardCount(e.getKey(), e.getValue())),
                most(paths, Integer.MAX_VALUE, e -> new ShadowSummary.PathChange(e.getKey().get(0), e.getKey().get(1),
                        e.getValue())));
    }

    private static List<String> ids(String joined) {
        return joined == null || joined.isEmpty() ? List.of() : List.of(joined.split(" "));
    }

    /** The entries with the highest counts, most first, ties in key order so the view is stable. */
    private static <K, T> List<T> most(Map<K, Long> counts, int top, Function<Map.Entry<K, Long>, T> view) {
        List<Map.Entry<K, Long>> entries = new ArrayList<>(counts.entrySet());
        entries.sort(Map.Entry.<K, Long>comparingByValue().reversed()
                .thenComparing(e -> e.getKey().toString(), Comparator.naturalOrder()));
        return entries.stream().limit(top).map(view).toList();
    }
}
