package org.rekindle.bench;

import org.rekindle.model.Answers;

/**
 * The rules of the bench's frozen copy ({@code bench/ruleset/rules/*.drl}) written by hand, one small
 * method each (a single huge method would exceed HotSpot's JIT size limit and flatter nobody). Each
 * method checks its rule's conditions with the same {@link Answers} queries the DRL uses and, when they
 * hold, writes the firing the engine would record.
 *
 * <p>Order: the safety screen first (it has salience 100), then the topics in file-name order and the
 * rules in file order. A Finding is always drawn by a rule earlier in that order than the rules that use
 * it, so one pass decides everything; where several rules may draw the same finding behind a
 * {@code not Finding(...)} guard, the first that holds in this order draws it, as in the engine.
 * The engine interleaves topics differently in its trace, which changes no card, reason or summary;
 * {@link Equivalence} compares traces as sets.
 */
final class HandWrittenRules {

    private HandWrittenRules() {
    }

    static void run(Evaluation e, Answers a) {
        safetyScreenPositive(e, a);
        attachment(e, a);
        currency(e, a);
        dosDonts(e, a);
        labour(e, a);
        microAggressions(e, a);
        mistakes(e, a);
        myths(e, a);
        nextMove(e, a);
        plan(e, a);
        prevention(e, a);
        ripple(e, a);
        safety(e, a);
        selfAssessment(e, a);
        signs(e, a);
        steps(e, a);
        stories(e, a);
        technology(e, a);
        therapy(e, a);
    }

    // --- conditions shared by many rules --------------------------------------------------------

    private static boolean either(Answers a, String question, String option, String other) {
        return a.is(question, option) || a.is(question, other);
    }

    /** {@code answered(q), $n : number(q), $n > limit}. */
    private static boolean over(Answers a, String question, double limit) {
        Double n = a.number(question);
        return n != null && n > limit;
    }

    private static boolean atLeastNumber(Answers a, String question, double limit) {
        Double n = a.number(question);
        return n != null && n >= limit;
    }

    private static boolean under(Answers a, String question, double limit) {
        Double n = a.number(question);
        return n != null && n < limit;
    }

    private static boolean monthsNoticed(Answers a) {
        return over(a, "months_since_noticed", 0);
    }

    private static boolean talkUnderThirty(Answers a) {
        return under(a, "talk_minutes_per_day", 30);
    }

    private static boolean noHelpYet(Answers a) {
        return either(a, "therapy_status", "never", "considered");
    }

    /** One rule with one condition on the answers that shows one card. */
    private static void showIf(Evaluation e, boolean holds, String rule, String card) {
        if (holds) {
            e.rule(rule).show(card).fire();
        }
    }

    /** A rule that shows cards once a finding was drawn: {@code Finding( name == finding )}. */
    private static void showAfter(Evaluation e, String finding, String rule, String card) {
        if (e.found(finding)) {
            e.rule(rule).after(finding).show(card).fire();
        }
    }

    // --- safety ------------------------------------------------------------------------------

    private static void safetyScreenPositive(Evaluation e, Answers a) {
        int positive = a.yesCount("safety");
        if (positive > 0) {
            e.rule("safety.screen_positive").bind("$positive", positive).finding("safety_concern").fire();
        }
    }

    private static void safety(Evaluation e, Answers a) {
        showAfter(e, "safety_concern", "safety.help_first", "safety_help");
        safetyWithholdExposing(e);
        safetyScreenUnknown(e, a);
        if (e.found("safety_concern")) {
            e.rule("safety.self_care").after("safety_concern").show("safety_private_device")
                    .show("safety_look_after_yourself").fire();
        }
    }

    private static void safetyScreenUnknown(Evaluation e, Answers a) {
        int answered = a.answeredCount("safety");
        int positive = a.yesCount("safety");
        if (answered < 4 && positive == 0) {
            e.rule("safety.screen_unknown").bind("$answered", answered).bind("$positive", positive)
                    .finding("safety_unknown").show("safety_screen_invite").fire();
        }
    }

    private static void safetyWithholdExposing(Evaluation e) {
        if (e.found("safety_concern")) {
            e.rule("safety.withhold_exposing").after("safety_concern").withhold("exposing").fire();
        }
    }

    // --- attachment ---------------------------------------------------------------------------

    private static void attachment(Evaluation e, Answers a) {
        showIf(e, a.is("att_own_style", "not_sure"), "attachment.overview_unsure_own", "att_styles_overview");
        showIf(e, a.is("att_partner_style", "not_sure"), "attachment.overview_unsure_partner", "att_styles_overview");
        attachmentOverviewInsecure(e, a);
        attachmentStyles(e, a);
        showIf(e, a.is("att_space_welcome", "welcome"), "attachment.space_healthy", "att_space_healthy");
        attachmentSpaceDistance(e, a);
        showIf(e, either(a, "who_noticed_first", "me", "partner"), "attachment.one_feels_first",
                "att_one_feels_first");
        attachmentPattern(e, a);
        attachmentLoop(e, a);
    }

    private static void attachmentOverviewInsecure(Evaluation e, Answers a) {
        if (a.is("att_own_style", "anxious") || a.is("att_own_style", "avoidant")
                || a.is("att_own_style", "disorganized")) {
            e.rule("attachment.overview_insecure").show("att_styles_overview").fire();
        }
    }

    private static void attachmentStyles(Evaluation e, Answers a) {
        showIf(e, a.is("att_own_style", "secure"), "attachment.own_secure", "att_style_secure");
        showIf(e, a.is("att_own_style", "anxious"), "attachment.own_anxious", "att_style_anxious");
        showIf(e, a.is("att_own_style", "avoidant"), "attachment.own_avoidant", "att_style_avoidant");
        showIf(e, a.is("att_own_style", "disorganized"), "attachment.own_disorganized", "att_style_disorganized");
        showIf(e, a.is("att_partner_style", "secure"), "attachment.partner_secure", "att_style_secure");
        showIf(e, a.is("att_partner_style", "anxious"), "attachment.partner_anxious", "att_style_anxious");
        showIf(e, a.is("att_partner_style", "avoidant"), "attachment.partner_avoidant", "att_style_avoidant");
        showIf(e, a.is("att_partner_style", "disorganized"), "attachment.partner_disorganized",
                "att_style_disorganized");
    }

    private static void attachmentSpaceDistance(Evaluation e, Answers a) {
        if (a.is("att_space_welcome", "mixed") || a.is("att_space_welcome", "walls")
                || a.is("att_space_welcome", "not_sure")) {
            e.rule("attachment.space_distance").show("att_space_distance").fire();
        }
    }

    private static void attachmentPattern(Evaluation e, Answers a) {
        if (a.is("att_my_reaction", "push") && a.is("att_partner_reaction", "pull")) {
            e.rule("attachment.pattern_you_pursue").finding("pursuer_withdrawer").fire();
        }
        if (a.is("att_my_reaction", "pull") && a.is("att_partner_reaction", "push")) {
            e.rule("attachment.pattern_you_withdraw").finding("pursuer_withdrawer").fire();
        }
    }

    private static void attachmentLoop(Evaluation e, Answers a) {
        if (!e.found("pursuer_withdrawer")) {
            return;
        }
        boolean bothAnswered = a.answered("att_my_reaction") && a.answered("att_partner_reaction");
        attachmentAfterPattern(e, bothAnswered, "attachment.pursuer_withdrawer", "att_pursuer_withdrawer");
        attachmentAfterPattern(e, a.is("att_my_reaction", "push"), "attachment.pursuer_tips", "att_pursuer_tips");
        attachmentAfterPattern(e, a.is("att_my_reaction", "pull"), "attachment.withdrawer_tips",
                "att_withdrawer_tips");
        attachmentAfterPattern(e, bothAnswered, "attachment.name_the_distance", "att_name_the_distance");
    }

    private static void attachmentAfterPattern(Evaluation e, boolean holds, String rule, String card) {
        if (holds) {
            e.rule(rule).after("pursuer_withdrawer").show(card).fire();
        }
    }

    // --- currency -----------------------------------------------------------------------------

    private static final String[] LANGUAGES =
            {"acts_of_service", "physical_touch", "words_of_affirmation", "gifts", "quality_time"};

    private static void currency(Evaluation e, Answers a) {
        showIf(e, a.is("currency_partner_language", "acts_of_service"), "currency.partner_acts_of_service",
                "currency_acts_of_service");
        showIf(e, a.is("currency_partner_language", "physical_touch"), "currency.partner_physical_touch",
                "currency_physical_touch");
        showIf(e, a.is("currency_partner_language", "words_of_affirmation"),
                "currency.partner_words_of_affirmation", "currency_words_of_affirmation");
        showIf(e, a.is("currency_partner_language", "gifts"), "currency.partner_gifts", "currency_gifts");
        showIf(e, a.is("currency_partner_language", "quality_time"), "currency.partner_quality_time",
                "currency_quality_time");
        currencyLanguagesDiffer(e, a);
        currencyPartnerLanguageUnknown(e, a);
        currencyLoveMissed(e, a);
    }

    private static void currencyLanguagesDiffer(Evaluation e, Answers a) {
        if (!a.answered("currency_my_language") || !a.answered("currency_partner_language")
                || a.is("currency_partner_language", "not_sure")) {
            return;
        }
        for (String language : LANGUAGES) {
            if (a.is("currency_my_language", language) && a.is("currency_partner_language", language)) {
                return;
            }
        }
        e.rule("currency.languages_differ").show("currency_adapt_30").show("currency_emotional_currency").fire();
    }

    private static void currencyPartnerLanguageUnknown(Evaluation e, Answers a) {
        if (a.is("currency_partner_language", "not_sure")) {
            e.rule("currency.partner_language_unknown").show("currency_adapt_30").show("currency_emotional_currency")
                    .fire();
        }
    }

    private static void currencyLoveMissed(Evaluation e, Answers a) {
        if (a.atLeast("currency_missed", "sometimes")) {
            e.rule("currency.love_missed").show("currency_attachment_scripts").show("currency_emotional_currency")
                    .fire();
        }
    }

    // --- dos_donts ----------------------------------------------------------------------------

    private static void dosDonts(Evaluation e, Answers a) {
        showIf(e, a.yes("sa_hide_feelings"), "dos_donts.honest_talks_hidden_feelings", "dd_do_honest_talks");
        showIf(e, a.yes("sa_conflict_avoided"), "dos_donts.honest_talks_conflict_avoided", "dd_do_honest_talks");
        showIf(e, a.atLeast("dd_blame_often", "often"), "dos_donts.dont_blame", "dd_dont_blame");
        showIf(e, talkUnderThirty(a), "dos_donts.regular_time_short_talks", "dd_do_regular_time");
        showIf(e, a.yes("sa_logistics_only"), "dos_donts.regular_time_logistics_only", "dd_do_regular_time");
        showIf(e, a.atLeast("dd_harsh_habits", "sometimes"), "dos_donts.dont_harsh_habits", "dd_dont_harsh_habits");
        dosDontsSeekSupportSelfAssessment(e, a);
        showIf(e, a.yes("st_recent_crisis"), "dos_donts.seek_support_crisis", "dd_do_seek_support");
        showIf(e, atLeastNumber(a, "months_since_noticed", 12), "dos_donts.dont_normalize_long_distance",
                "dd_dont_normalize_neglect");
        showIf(e, a.yes("sa_affection_rare"), "dos_donts.dont_normalize_rare_affection", "dd_dont_normalize_neglect");
        showIf(e, a.is("therapy_status", "in_therapy"), "dos_donts.celebrate_wins_in_therapy",
                "dd_do_celebrate_wins");
        showIf(e, monthsNoticed(a) && a.is("partner_willingness", "willing"),
                "dos_donts.celebrate_wins_willing_partner", "dd_do_celebrate_wins");
        showIf(e, either(a, "therapy_status", "tried_before", "in_therapy"), "dos_donts.dont_expect_perfection",
                "dd_dont_expect_perfection");
    }

    private static void dosDontsSeekSupportSelfAssessment(Evaluation e, Answers a) {
        int yes = a.yesCount("self_assessment");
        if (yes > 3) {
            e.rule("dos_donts.seek_support_self_assessment").bind("$yes", yes).show("dd_do_seek_support").fire();
        }
    }

    // --- labour -------------------------------------------------------------------------------

    private static void labour(Evaluation e, Answers a) {
        labourOneSided(e, a, "labour_milestones", "labour.milestones_one_sided");
        labourOneSided(e, a, "labour_hard_talks", "labour.hard_talks_one_sided");
        labourOneSided(e, a, "labour_conflict_soothing", "labour.conflict_soothing_one_sided");
        labourOneSided(e, a, "labour_vulnerability", "labour.vulnerability_one_sided");
        labourCustodian(e, a);
        showAfter(e, "emotional_custodian", "labour.custodian_card", "labour_custodian");
    }

    /** The task's question was answered me or partner: show its card (same id) and the gendered pattern. */
    private static void labourOneSided(Evaluation e, Answers a, String task, String rule) {
        if (either(a, task, "me", "partner")) {
            e.rule(rule).show(task).show("labour_gendered_pattern").fire();
        }
    }

    private static void labourCustodian(Evaluation e, Answers a) {
        if (a.is("labour_milestones", "me") && a.is("labour_hard_talks", "me") && a.is("labour_conflict_soothing", "me")
                && a.is("labour_vulnerability", "me")) {
            e.rule("labour.custodian").finding("emotional_custodian").fire();
        }
    }

    // --- micro_aggressions --------------------------------------------------------------------

    private static void microAggressions(Evaluation e, Answers a) {
        showIf(e, a.has("micro_received", "withholding_affection"), "micro_aggressions.withholding_affection",
                "micro_withholding_affection");
        showIf(e, a.has("micro_received", "backhanded_compliments"), "micro_aggressions.backhanded_compliments",
                "micro_backhanded_compliments");
        showIf(e, a.has("micro_received", "interrupting"), "micro_aggressions.interrupting", "micro_interrupting");
        showIf(e, a.has("micro_received", "stonewalling"), "micro_aggressions.stonewalling", "micro_stonewalling");
        showIf(e, a.has("micro_received", "neglecting_events"), "micro_aggressions.neglecting_events",
                "micro_neglecting_events");
        showIf(e, a.has("micro_received", "eye_rolling"), "micro_aggressions.eye_rolling", "micro_eye_rolling");
        showIf(e, a.has("micro_received", "minimizing_feelings"), "micro_aggressions.minimizing_feelings",
                "micro_minimizing_feelings");
        showIf(e, a.has("micro_received", "unilateral_decisions"), "micro_aggressions.unilateral_decisions",
                "micro_unilateral_decisions");
        showIf(e, a.has("micro_received", "passive_aggression"), "micro_aggressions.passive_aggression",
                "micro_passive_aggression");
        showIf(e, a.has("micro_received", "chronic_distraction"), "micro_aggressions.chronic_distraction",
                "micro_chronic_distraction");
        microAggressionPattern(e, a);
        microAggressionPatternCard(e, a);
    }

    private static void microAggressionPattern(Evaluation e, Answers a) {
        int picked = a.count("micro_received");
        if (picked >= 3) {
            e.rule("micro_aggressions.pattern").bind("$picked", picked).finding("micro_aggression_pattern").fire();
        }
    }

    private static void microAggressionPatternCard(Evaluation e, Answers a) {
        if (e.found("micro_aggression_pattern")) {
            e.rule("micro_aggressions.pattern_card").after("micro_aggression_pattern")
                    .bind("$picked", a.count("micro_received")).show("micro_pattern").fire();
        }
    }

    // --- mistakes -----------------------------------------------------------------------------

    private static void mistakes(Evaluation e, Answers a) {
        showIf(e, a.has("mistakes_tried", "rushing_forgiveness"), "mistakes.rushing_forgiveness",
                "mistake_rushing_forgiveness");
        showIf(e, a.has("mistakes_tried", "score_keeping"), "mistakes.score_keeping", "mistake_score_keeping");
        showIf(e, a.has("mistakes_tried", "instant_results"), "mistakes.instant_results", "mistake_instant_results");
        showIf(e, a.has("mistakes_tried", "ultimatums"), "mistakes.ultimatums", "mistake_ultimatums");
        showIf(e, a.has("mistakes_tried", "avoiding_help"), "mistakes.avoiding_help", "mistake_avoiding_help");
    }

    // --- myths --------------------------------------------------------------------------------

    private static void myths(Evaluation e, Answers a) {
        myth(e, a, "myth_love_effortless", "myths.love_effortless", "myth_love_effortless");
        myth(e, a, "myth_time_heals", "myths.time_heals", "myth_time_heals");
        myth(e, a, "myth_talking_fixes", "myths.talking_fixes", "myth_talking_fixes");
        myth(e, a, "myth_intimacy_sex", "myths.intimacy_sex", "myth_intimacy_sex");
        myth(e, a, "myth_independence", "myths.independence", "myth_independence");
        myth(e, a, "myth_independence", "myths.vulnerability_over_independence", "myth_vulnerability_power");
        showIf(e, a.yes("sa_hide_feelings"), "myths.vulnerability_hidden_feelings", "myth_vulnerability_power");
    }

    /** The person agrees with the myth, or is unsure. */
    private static void myth(Evaluation e, Answers a, String question, String rule, String card) {
        showIf(e, either(a, question, "agree", "unsure"), rule, card);
    }

    // --- next_move ----------------------------------------------------------------------------

    private static void nextMove(Evaluation e, Answers a) {
        nextMoveAssessHonestly(e, a);
        if (!e.found("distance_evident") && monthsNoticed(a)) {
            e.rule("next_move.distance_noticed").finding("distance_evident").fire();
        }
        nextMoveDistanceInSelfAssessment(e, a);
        if (!e.found("distance_evident") && talkUnderThirty(a)) {
            e.rule("next_move.distance_in_short_talks").finding("distance_evident").fire();
        }
        nextMoveClosingActions(e);
    }

    private static void nextMoveAssessHonestly(Evaluation e, Answers a) {
        int answered = a.answeredCount("self_assessment");
        if (answered == 0) {
            e.rule("next_move.assess_honestly").bind("$answered", answered).show("next_assess_honestly").fire();
        }
    }

    private static void nextMoveDistanceInSelfAssessment(Evaluation e, Answers a) {
        if (e.found("distance_evident")) {
            return;
        }
        int yes = a.yesCount("self_assessment");
        if (yes > 0) {
            e.rule("next_move.distance_in_self_assessment").bind("$yes", yes).finding("distance_evident").fire();
        }
    }

    private static void nextMoveClosingActions(Evaluation e) {
        if (e.found("distance_evident")) {
            e.rule("next_move.closing_actions").after("distance_evident").show("next_vulnerable_talk")
                    .show("next_mini_rituals").show("next_seek_support").show("next_monitor_progress").fire();
        }
    }

    // --- prevention ---------------------------------------------------------------------------

    private static void prevention(Evaluation e, Answers a) {
        if (!e.found("new_couple") && atMostNumber(a, "relationship_months", 24)) {
            e.rule("prevention.new_couple").finding("new_couple").fire();
        }
        if (e.found("new_couple") && a.answered("relationship_months")) {
            preventionHabits(e);
            e.rule("prevention.emotional_maturity_for_new_couple").after("new_couple").show("stat_emotional_maturity")
                    .fire();
        }
        int answered = a.answeredCount("self_assessment");
        int yes = a.yesCount("self_assessment");
        if (answered > 0 && yes <= 3) {
            e.rule("prevention.habits_below_threshold").bind("$answered", answered).bind("$yes", yes)
                    .show("prevention_check_ins").show("prevention_celebrate_vulnerability")
                    .show("prevention_emotional_currency").show("checkup_celebrate_what_works").fire();
        }
    }

    // --- plan: the findings that choose a path, and the cards written for one -------------------

    private static void plan(Evaluation e, Answers a) {
        if (a.is("st_considering_ending", "decided")) {
            e.rule("plan.decided_to_leave").finding("decided_to_leave").fire();
            e.rule("plan.leaving_support").after("decided_to_leave").show("leaving_support_for_yourself").fire();
        }
        if (a.is("therapy_status", "in_therapy")) {
            e.rule("plan.in_couples_therapy").finding("in_couples_therapy").fire();
            e.rule("plan.supported_cards").after("in_couples_therapy").show("therapy_bring_your_answers")
                    .show("therapy_practise_between_sessions").show("therapy_track_progress").fire();
        }
        int answered = a.answeredCount("self_assessment");
        int yes = a.yesCount("self_assessment");
        if (answered > 0 && yes <= 3) {
            e.rule("plan.below_threshold").bind("$answered", answered).bind("$yes", yes).finding("below_threshold")
                    .fire();
        }
        planWorkingAlone(e, a);
    }

    private static void planWorkingAlone(Evaluation e, Answers a) {
        if (e.found("distance_evident") && either(a, "partner_willingness", "unwilling", "not_asked")) {
            e.rule("plan.working_alone").after("distance_evident").finding("working_alone").fire();
            e.rule("plan.solo_cards").after("working_alone").show("solo_what_you_can_change")
                    .show("solo_invite_without_pressure").show("solo_own_rituals").show("solo_support_for_yourself")
                    .show("lesson_change_takes_both").fire();
        }
    }

    private static boolean atMostNumber(Answers a, String question, double limit) {
        Double n = a.number(question);
        return n != null && n <= limit;
    }

    private static void preventionHabits(Evaluation e) {
        e.rule("prevention.habits_for_new_couple").after("new_couple").show("prevention_check_ins")
                .show("prevention_boundaries").show("prevention_ask_for_help")
                .show("prevention_celebrate_vulnerability").show("prevention_emotional_currency").fire();
    }

    // --- ripple -------------------------------------------------------------------------------

    private static void ripple(Evaluation e, Answers a) {
        showIf(e, a.yes("children") && monthsNoticed(a), "ripple.children_distance_noticed", "ripple_children");
        rippleChildrenSelfAssessment(e, a);
        showIf(e, a.has("rp_affected", "mental_health"), "ripple.mental_health", "ripple_mental_health");
        showIf(e, a.has("rp_affected", "sleep_physical"), "ripple.physical_health", "ripple_physical_health");
        showIf(e, a.has("rp_affected", "work"), "ripple.work_performance", "ripple_work");
        showIf(e, a.has("rp_affected", "friendships"), "ripple.social_connections", "ripple_social");
    }

    private static void rippleChildrenSelfAssessment(Evaluation e, Answers a) {
        if (!a.yes("children")) {
            return;
        }
        int yes = a.yesCount("self_assessment");
        if (yes > 3) {
            e.rule("ripple.children_self_assessment").bind("$yes", yes).show("ripple_children").fire();
        }
    }

    // --- self_assessment ----------------------------------------------------------------------

    private static void selfAssessment(Evaluation e, Answers a) {
        int yes = a.yesCount("self_assessment");
        if (yes > 3) {
            e.rule("self_assessment.disconnection_suspected").bind("$yes", yes).finding("disconnection_suspected")
                    .fire();
        }
        showAfter(e, "disconnection_suspected", "self_assessment.verdict", "self_assessment_verdict");
        selfAssessmentBelowThreshold(e, a, yes);
        showIf(e, a.yes("sa_safer_with_others"), "self_assessment.safer_with_others",
                "self_assessment_safer_elsewhere");
    }

    private static void selfAssessmentBelowThreshold(Evaluation e, Answers a, int yes) {
        int answered = a.answeredCount("self_assessment");
        if (answered > 0 && yes <= 3) {
            e.rule("self_assessment.below_threshold").bind("$answered", answered).bind("$yes", yes)
                    .show("self_assessment_below_threshold").fire();
        }
    }

    // --- signs --------------------------------------------------------------------------------

    private static void signs(Evaluation e, Answers a) {
        showIf(e, talkUnderThirty(a), "signs.talk_minutes_stat", "fade_talk_minutes_stat");
        signsFade(e, a);
        signsNumb(e, a);
        signsWarning(e, a);
        signsDriftingApart(e, a);
    }

    /** The slow fade: rule {@code signs.<q>} shows card {@code <q>} when that question is often or more. */
    private static void signsFade(Evaluation e, Answers a) {
        showIf(e, a.atLeast("fade_microsilences", "often"), "signs.fade_microsilences", "fade_microsilences");
        showIf(e, a.atLeast("fade_transactional_affection", "often"), "signs.fade_transactional_affection",
                "fade_transactional_affection");
        showIf(e, a.atLeast("fade_no_vulnerability", "often"), "signs.fade_no_vulnerability", "fade_no_vulnerability");
        showIf(e, a.atLeast("fade_routine_over_romance", "often"), "signs.fade_routine_over_romance",
                "fade_routine_over_romance");
        showIf(e, a.atLeast("fade_conflict_avoided", "often"), "signs.fade_conflict_avoided", "fade_conflict_avoided");
    }

    /** The ten warning signs: rule {@code signs.<s>} shows card {@code sign_<s>} when that sign is often or more. */
    private static void signsWarning(Evaluation e, Answers a) {
        showIf(e, a.atLeast("sign_daily_details", "often"), "signs.daily_details", "sign_daily_details");
        showIf(e, a.atLeast("sign_affection_obligatory", "often"), "signs.affection_obligatory",
                "sign_affection_obligatory");
        showIf(e, a.atLeast("sign_eye_contact", "often"), "signs.eye_contact", "sign_eye_contact");
        showIf(e, a.atLeast("sign_transactional_talk", "often"), "signs.transactional_talk", "sign_transactional_talk");
        showIf(e, a.atLeast("sign_oppressive_silence", "often"), "signs.oppressive_silence", "sign_oppressive_silence");
        showIf(e, a.atLeast("sign_over_functioning", "often"), "signs.over_functioning", "sign_over_functioning");
        showIf(e, a.atLeast("sign_solo_plans", "often"), "signs.solo_plans", "sign_solo_plans");
        showIf(e, a.atLeast("sign_intimacy_decline", "often"), "signs.intimacy_decline", "sign_intimacy_decline");
        showIf(e, a.atLeast("sign_unspoken_resentment", "often"), "signs.unspoken_resentment",
                "sign_unspoken_resentment");
        showIf(e, a.atLeast("sign_fantasize_leaving", "often"), "signs.fantasize_leaving", "sign_fantasize_leaving");
    }

    private static void signsNumb(Evaluation e, Answers a) {
        showIf(e, a.atLeast("fade_numb", "sometimes"), "signs.numb_not_broken", "numb_not_broken");
        if (a.atLeast("fade_numb", "often")) {
            e.rule("signs.numb_brain_regions").show("numb_amygdala").show("numb_prefrontal_cortex")
                    .show("numb_insula").show("numb_hypothalamus").fire();
        }
        showIf(e, a.atLeast("fade_numb", "often") && !a.is("partner_willingness", "unwilling"), "signs.numb_eft",
                "numb_eft_rewiring");
    }

    private static void signsDriftingApart(Evaluation e, Answers a) {
        int signs = a.countAtLeast("warning_signs", "often");
        if (signs >= 3) {
            e.rule("signs.drifting_apart").bind("$signs", signs).finding("drifting_apart").fire();
        }
        if (e.found("drifting_apart")) {
            e.rule("signs.drifting_apart_summary").after("drifting_apart").bind("$signs", signs)
                    .show("signs_drifting_apart").fire();
        }
    }

    // --- steps --------------------------------------------------------------------------------

    private static void steps(Evaluation e, Answers a) {
        stepsGuide(e, a);
        stepsEight(e);
        if (a.atLeast("steps_talks_escalate", "sometimes")) {
            e.rule("steps.talk_i_statements").show("steps_talk_i_statements").fire();
            e.rule("steps.talk_pause").show("steps_talk_pause").fire();
            e.rule("steps.talk_side_by_side").show("steps_talk_side_by_side").fire();
        }
    }

    /** The eight steps and the structured-exercises figure, once the reconnection guide is open. */
    private static void stepsEight(Evaluation e) {
        showAfter(e, "reconnection_guide", "steps.acknowledge", "steps_acknowledge");
        showAfter(e, "reconnection_guide", "steps.safe_space", "steps_safe_space");
        showAfter(e, "reconnection_guide", "steps.active_listening", "steps_active_listening");
        showAfter(e, "reconnection_guide", "steps.validate", "steps_validate");
        showAfter(e, "reconnection_guide", "steps.share_needs", "steps_share_needs");
        showAfter(e, "reconnection_guide", "steps.mini_rituals", "steps_mini_rituals");
        showAfter(e, "reconnection_guide", "steps.professional_help", "steps_professional_help");
        showAfter(e, "reconnection_guide", "steps.monitor_progress", "steps_monitor_progress");
        showAfter(e, "reconnection_guide", "steps.structured_35", "steps_structured_35");
    }

    private static void stepsGuide(Evaluation e, Answers a) {
        if (e.found("disconnection_suspected")) {
            e.rule("steps.guide_from_self_assessment").after("disconnection_suspected").finding("reconnection_guide")
                    .fire();
            return;
        }
        int yes = a.yesCount("self_assessment");
        if (talkUnderThirty(a) && yes >= 2) {
            e.rule("steps.guide_from_short_talks").bind("$yes", yes).finding("reconnection_guide").fire();
            return;
        }
        if (a.atLeast("steps_talks_escalate", "often")) {
            e.rule("steps.guide_from_escalation").finding("reconnection_guide").fire();
            return;
        }
        if (e.found("drifting_apart")) {
            e.rule("steps.guide_from_warning_signs").after("drifting_apart").finding("reconnection_guide").fire();
            return;
        }
        if (a.yes("st_recent_crisis")) {
            e.rule("steps.guide_from_crisis").finding("reconnection_guide").fire();
        }
    }

    // --- stories ------------------------------------------------------------------------------

    private static void stories(Evaluation e, Answers a) {
        if (a.yes("st_recent_crisis")) {
            e.rule("stories.rock_bottom_after_crisis").show("story_rock_bottom").show("story_come_back_to_the_table")
                    .fire();
        }
        showIf(e, a.is("st_considering_ending", "sometimes"), "stories.rock_bottom_when_ambivalent",
                "story_rock_bottom");
        storiesWalkingAway(e, a);
        showIf(e, atLeastNumber(a, "months_since_noticed", 6), "stories.denial_delays_healing",
                "lesson_denial_delays_healing");
        showIf(e, monthsNoticed(a) && noHelpYet(a), "stories.therapy_not_last_resort",
                "lesson_therapy_not_last_resort");
        showIf(e, a.is("who_noticed_first", "me"), "stories.not_too_needy_first_to_notice", "lesson_not_too_needy");
        showIf(e, a.yes("sa_hide_feelings"), "stories.not_too_needy_hidden_feelings", "lesson_not_too_needy");
        showIf(e, either(a, "partner_willingness", "unwilling", "unsure"), "stories.change_takes_both",
                "lesson_change_takes_both");
    }

    private static void storiesWalkingAway(Evaluation e, Answers a) {
        if (either(a, "st_considering_ending", "seriously", "decided")) {
            e.rule("stories.walking_away_when_considering_leaving").finding("considering_leaving")
                    .show("story_walking_away").show("story_self_worth_returned").show("story_friendships_deepened")
                    .show("story_mental_health_improved").show("lesson_okay_to_outgrow").fire();
        }
    }

    // --- technology ---------------------------------------------------------------------------

    private static void technology(Evaluation e, Answers a) {
        technologyFactors(e, a);
        technologyReplacingTalk(e, a, "tech_messaging", "technology.replacing_talk_messaging");
        technologyReplacingTalk(e, a, "tech_social_media", "technology.replacing_talk_social_media");
        technologyReplacingTalk(e, a, "tech_forums", "technology.replacing_talk_forums");
        technologyReplacingTalk(e, a, "tech_video_calls", "technology.replacing_talk_video_calls");
        showAfter(e, "tech_replacing_talk", "technology.double_edged", "tech_double_edged");
        showIf(e, a.atLeast("tech_phone_shared_time", "sometimes"), "technology.no_phone_zones",
                "tech_no_phone_zones");
        showIf(e, a.atLeast("tech_phone_shared_time", "often"), "technology.micro_moments", "tech_micro_moments");
        showAfter(e, "tech_replacing_talk", "technology.state_of_the_union", "tech_state_of_the_union");
        showIf(e, either(a, "tech_social_media", "replaces_talk", "both"), "technology.transparent_use",
                "tech_transparent_use");
        showIf(e, a.atLeast("tech_doomscroll", "sometimes"), "technology.mindful_consumption_scrolling",
                "tech_mindful_consumption");
        showIf(e, a.is("tech_social_media", "replaces_talk"), "technology.mindful_consumption_social_media",
                "tech_mindful_consumption");
    }

    /** The bright side (closer or both) and the shadow side (replaces_talk or both) of each factor. */
    private static void technologyFactors(Evaluation e, Answers a) {
        showIf(e, either(a, "tech_messaging", "closer", "both"), "technology.messaging_upside",
                "tech_messaging_upside");
        showIf(e, either(a, "tech_messaging", "replaces_talk", "both"), "technology.messaging_downside",
                "tech_messaging_downside");
        showIf(e, either(a, "tech_social_media", "closer", "both"), "technology.social_media_upside",
                "tech_social_media_upside");
        showIf(e, either(a, "tech_social_media", "replaces_talk", "both"), "technology.social_media_downside",
                "tech_social_media_downside");
        showIf(e, either(a, "tech_forums", "closer", "both"), "technology.forums_upside", "tech_forums_upside");
        showIf(e, either(a, "tech_forums", "replaces_talk", "both"), "technology.forums_downside",
                "tech_forums_downside");
        showIf(e, either(a, "tech_video_calls", "closer", "both"), "technology.video_calls_upside",
                "tech_video_calls_upside");
        showIf(e, either(a, "tech_video_calls", "replaces_talk", "both"), "technology.video_calls_downside",
                "tech_video_calls_downside");
    }

    private static void technologyReplacingTalk(Evaluation e, Answers a, String question, String rule) {
        if (a.is(question, "replaces_talk") && !e.found("tech_replacing_talk")) {
            e.rule(rule).finding("tech_replacing_talk").fire();
        }
    }

    // --- therapy ------------------------------------------------------------------------------

    private static void therapy(Evaluation e, Answers a) {
        if (monthsNoticed(a) && either(a, "partner_willingness", "willing", "unsure")) {
            therapyEft(e, "therapy.eft_partner_open", 0);
        }
        int yes = a.yesCount("self_assessment");
        if (yes > 3) {
            therapyEft(e, "therapy.eft_self_assessment", yes);
            e.rule("therapy.not_alone").bind("$yes", yes).show("stat_single_not_alone").fire();
        }
        showIf(e, a.yes("sa_hide_feelings"), "therapy.non_judgmental_communication", "therapy_non_judgmental");
        showIf(e, a.yes("sa_unseen"), "therapy.active_listening", "therapy_active_listening");
        showIf(e, a.yes("sa_safer_with_others"), "therapy.emotional_validation", "therapy_validation");
        showIf(e, a.yes("sa_conflict_avoided"), "therapy.clear_boundaries", "therapy_boundaries");
        showIf(e, a.yes("th_mental_health"), "therapy.mental_health_openly", "therapy_mental_health");
        therapyHelp(e, a);
    }

    /** Either EFT rule shows the same three cards; the self-assessment one binds {@code $yes}. */
    private static void therapyEft(Evaluation e, String rule, int yes) {
        Evaluation firing = e.rule(rule);
        if (yes > 0) {
            firing.bind("$yes", yes);
        }
        firing.show("therapy_eft").show("stat_eft_effective").show("therapy_eft_quote").fire();
    }

    private static void therapyHelp(Evaluation e, Answers a) {
        boolean noticedNoHelp = monthsNoticed(a) && noHelpYet(a);
        showIf(e, noticedNoHelp, "therapy.help_not_weak", "help_not_weak");
        showIf(e, noticedNoHelp && atMostNumber(a, "months_since_noticed", 12), "therapy.first_year_window",
                "stat_help_first_year");
        showIf(e, a.is("therapy_status", "considered"), "therapy.self_guided_when_daunting", "help_self_guided");
        showIf(e, either(a, "partner_willingness", "unwilling", "not_asked"), "therapy.self_guided_partner_not_ready",
                "help_self_guided");
    }
}
