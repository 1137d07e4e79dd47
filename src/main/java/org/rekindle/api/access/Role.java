package org.rekindle.api.access;

import io.javalin.security.RouteRole;

/**
 * Who may call a route: apps post and read their own assessments, auditors read any, coaches
 * administer, operators ({@code OPS}) scrape {@code /metrics} and nothing else.
 */
public enum Role implements RouteRole {
    APP, AUDITOR, COACH, OPS, ANYONE
}
