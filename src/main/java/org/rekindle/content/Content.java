package org.rekindle.content;

/**
 * The questionnaire, the guidance library, the plan file and the help lines of one bundle.
 *
 * @param plan      {@code content/plan.yaml}, or {@link PlanBook#NONE} when there is none
 * @param helpLines {@code content/help_lines.yaml}, or {@link HelpLines#NONE} when there is none
 */
public record Content(Questionnaire questionnaire, Library library, PlanBook plan, HelpLines helpLines) {
}
