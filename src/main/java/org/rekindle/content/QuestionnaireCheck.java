package org.rekindle.content;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.rekindle.bundle.BundleFile;
import org.rekindle.bundle.Problem;
import org.rekindle.model.Answers;

/**
 * Checks what ties the questions together once every questionnaire file is read: each {@code enableWhen}
 * names a question and options that exist, asks them the way their type allows and can be met by some
 * answers (no circle of questions waiting for each other, no condition no answer meets, none that waits
 * for a question that can never be asked); a question the partner may see does not depend on a private
 * one; each {@code exclusive} option is an option of its multi-choice question. Pure; every problem is
 * reported at the question's line, in words for the coach who wrote it.
 */
final class QuestionnaireCheck {

    private final Questionnaire questionnaire;
    private final Map<String, BundleFile> fileOf;
    private final List<Problem> problems;

    private QuestionnaireCheck(Questionnaire questionnaire, Map<String, BundleFile> fileOf, List<Problem> problems) {
        this.questionnaire = questionnaire;
        this.fileOf = fileOf;
        this.problems = problems;
    }

    /** Adds every problem found to {@code problems}. */
    static void check(Questionnaire questionnaire, Map<String, BundleFile> fileOf, List<Problem> problems) {
        new QuestionnaireCheck(questionnaire, fileOf, problems).run();
    }

    private void run() {
        Set<String> broken = new HashSet<>();
        for (Question question : questionnaire.questions()) {
            checkExclusive(question);
            if (question.enableWhen() != null && !conditionsFit(question)) {
                broken.add(question.id());
            }
        }
        Set<String> inCircle = circles(broken);
        Set<String> reachable = reachable(broken);
        for (Question question : questionnaire.questions()) {
            String id = question.id();
            if (question.enableWhen() != null && !broken.contains(id) && !inCircle.contains(id)
                    && !reachable.contains(id)) {
                problem(question, "enableWhen", "question '" + id + "' can never be asked: no answers meet its "
                        + "enableWhen (" + question.enableWhen().describe() + ")" + why(question, reachable)
                        + "; change the condition so that some answer meets it, or remove it");
            }
        }
    }

    // --- one question's conditions -------------------------------------------------------------

    /** True when every condition names an existing question and fits its type; otherwise reports each that does not. */
    private boolean conditionsFit(Question question) {
        boolean fit = true;
        for (EnableWhen.Condition condition : question.enableWhen().conditions()) {
            String problem = misfit(question, condition);
            if (problem != null) {
                problem(question, "enableWhen", "question '" + question.id() + "' is asked when " + condition.describe()
                        + ", but " + problem);
                fit = false;
            }
        }
        return fit;
    }

    /** What is wrong with one condition, or null. */
    private String misfit(Question question, EnableWhen.Condition condition) {
        Question read = questionnaire.question(condition.question());
        if (read == null) {
            return "the questionnaire has no question '" + condition.question() + "'; name one of its question ids";
        }
        if (read.id().equals(question.id())) {
            return "a question cannot wait for its own answer; make it depend on another question";
        }
        if (!questionnaire.isPrivate(question.id()) && questionnaire.isPrivate(read.id())) {
            return "'" + read.id() + "' is private and '" + question.id() + "' is not: the partner may see '"
                    + question.id() + "', and that it was asked at all would tell them the private answer; mark '"
                    + question.id() + "' private: true, or make it depend on a question that is not private";
        }
        Object answer = condition.answer();
        return switch (condition.operator()) {
            case ANSWERED -> null;
            case IS, NOT -> read.type() == QuestionType.NUMBER
                    ? "'" + read.id() + "' is a number question: compare it with atLeast or atMost"
                    : offers(read, answer);
            case AT_LEAST, AT_MOST -> switch (read.type()) {
                case NUMBER -> answer instanceof Double ? null
                        : "'" + read.id() + "' is a number question: give " + condition.operator().wireName()
                        + " a number";
                case FREQUENCY -> answer instanceof String ? offers(read, answer)
                        : "'" + read.id() + "' is a frequency question: give " + condition.operator().wireName()
                        + " a level (" + String.join(", ", Answers.FREQUENCY_SCALE) + ")";
                default -> condition.operator().wireName() + " compares frequencies and numbers, and '" + read.id()
                        + "' is a " + read.type().wireName() + " question: use is or not with one of its options";
            };
        };
    }

    private static String offers(Question read, Object answer) {
        if (answer instanceof String option && read.offers(option)) {
            return null;
        }
        return "'" + read.id() + "' has no option '" + answer + "'; its options are " + values(read);
    }

    private void checkExclusive(Question question) {
        if (question.exclusive().isEmpty()) {
            return;
        }
        if (question.type() != QuestionType.MULTI_CHOICE) {
            problem(question, "exclusive", "question '" + question.id() + "' lists exclusive options, but only a "
                    + "multi_choice question has options to combine; remove exclusive");
            return;
        }
        for (String option : question.exclusive()) {
            if (!question.offers(option)) {
                problem(question, "exclusive", "question '" + question.id() + "' lists '" + option + "' as "
                        + "exclusive, and it is not one of its options (" + values(question) + "); list an option "
                        + "value, such as none");
            }
        }
    }

    // --- between questions ---------------------------------------------------------------------

    /** The questions on a circle of enableWhen (each waits for the next), each circle reported once. */
    private Set<String> circles(Set<String> broken) {
        Set<String> inCircle = new LinkedHashSet<>();
        Set<String> done = new HashSet<>();
        for (Question question : questionnaire.questions()) {
            walk(question, new ArrayList<>(), done, inCircle, broken);
        }
        return inCircle;
    }

    private void walk(Question question, List<String> path, Set<String> done, Set<String> inCircle, Set<String> broken) {
        int at = path.indexOf(question.id());
        if (at >= 0) {
            List<String> circle = new ArrayList<>(path.subList(at, path.size()));
            if (circle.stream().noneMatch(inCircle::contains)) {
                inCircle.addAll(circle);
                circle.add(question.id());
                Question first = questionnaire.question(circle.get(0));
                problem(first, "enableWhen", "questions " + circle.stream().map(id -> "'" + id + "'")
                        .collect(Collectors.joining(" → ")) + " each wait for the next one's answer, so none of "
                        + "them can ever be asked; let one of them depend on a question outside this circle");
            }
            return;
        }
        if (question.enableWhen() == null || broken.contains(question.id()) || done.contains(question.id())) {
            return;
        }
        path.add(question.id());
        for (String id : question.enableWhen().questions()) {
            Question read = questionnaire.question(id);
            if (read != null) {
                walk(read, path, done, inCircle, broken);
            }
        }
        path.remove(path.size() - 1);
        done.add(question.id());
    }

    /**
     * The questions some answers can reach, grown from those asked always: a question joins once its
     * conditions can be met by answers to questions already reached. Conditions on different questions
     * are taken as independent of each other.
     */
    private Set<String> reachable(Set<String> broken) {
        // A question whose condition is wrong is reported already: its dependents are judged as if it were asked.
        Set<String> reachable = new HashSet<>(broken);
        for (Question question : questionnaire.questions()) {
            if (question.enableWhen() == null) {
                reachable.add(question.id());
            }
        }
        boolean grew = true;
        while (grew) {
            grew = false;
            for (Question question : questionnaire.questions()) {
                if (!reachable.contains(question.id()) && !broken.contains(question.id())
                        && canHold(question.enableWhen(), reachable)) {
                    reachable.add(question.id());
                    grew = true;
                }
            }
        }
        return reachable;
    }

    private boolean canHold(EnableWhen when, Set<String> reachable) {
        Map<String, List<EnableWhen.Condition>> byQuestion = new LinkedHashMap<>();
        when.conditions().forEach(c -> byQuestion.computeIfAbsent(c.question(), k -> new ArrayList<>()).add(c));
        if (when.behavior() == EnableWhen.Behavior.ANY) {
            return when.conditions().stream().anyMatch(c -> reachable.contains(c.question())
                    && canMeet(questionnaire.question(c.question()), List.of(c)));
        }
        return byQuestion.entrySet().stream().allMatch(e -> reachable.contains(e.getKey())
                && canMeet(questionnaire.question(e.getKey()), e.getValue()));
    }

    /** True when one answer to {@code read} meets every one of {@code conditions}. */
    static boolean canMeet(Question read, List<EnableWhen.Condition> conditions) {
        if (read.type() == QuestionType.NUMBER) {
            double low = read.min() == null ? Double.NEGATIVE_INFINITY : read.min();
            double high = read.max() == null ? Double.POSITIVE_INFINITY : read.max();
            for (EnableWhen.Condition c : conditions) {
                if (c.operator() == EnableWhen.Operator.AT_LEAST) {
                    low = Math.max(low, (Double) c.answer());
                } else if (c.operator() == EnableWhen.Operator.AT_MOST) {
                    high = Math.min(high, (Double) c.answer());
                }
            }
            return low <= high;
        }
        List<String> options = read.options().stream().map(Option::value).toList();
        if (read.type() == QuestionType.MULTI_CHOICE) {
            Set<String> picked = new HashSet<>();
            Set<String> left = new HashSet<>();
            for (EnableWhen.Condition c : conditions) {
                if (c.operator() == EnableWhen.Operator.IS) {
                    picked.add((String) c.answer());
                } else if (c.operator() == EnableWhen.Operator.NOT) {
                    left.add((String) c.answer());
                }
            }
            boolean clash = picked.stream().anyMatch(left::contains)
                    || (picked.size() > 1 && picked.stream().anyMatch(read.exclusive()::contains));
            return !clash && (!picked.isEmpty() || options.stream().anyMatch(o -> !left.contains(o)));
        }
        Set<String> possible = new LinkedHashSet<>(options);
        for (EnableWhen.Condition c : conditions) {
            possible.removeIf(option -> !c.holds(option));
        }
        return !possible.isEmpty();
    }

    /** Why a question's conditions cannot be met: a question it waits for that can never be asked, if so. */
    private String why(Question question, Set<String> reachable) {
        List<String> unreachable = question.enableWhen().questions().stream()
                .filter(id -> !reachable.contains(id)).toList();
        if (unreachable.isEmpty()) {
            return "";
        }
        return ", since " + unreachable.stream().map(id -> "'" + id + "'").collect(Collectors.joining(" and "))
                + (unreachable.size() == 1 ? " is" : " are") + " never asked itself";
    }

    // --- shared --------------------------------------------------------------------------------

    private static String values(Question question) {
        return question.options().stream().map(Option::value).collect(Collectors.joining(", "));
    }

    private void problem(Question question, String field, String message) {
        BundleFile file = fileOf.get(question.id());
        problems.add(file == null ? Problem.inFile("content/questionnaire/", message)
                : ContentLoader.atField(file, question.id(), field, message));
    }
}
