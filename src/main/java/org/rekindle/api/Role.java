package org.rekindle.api;

import io.javalin.security.RouteRole;

/** Who may call a route: apps post and read their own assessments, auditors read any, coaches administer. */
public enum Role implements RouteRole {
    APP, AUDITOR, COACH, ANYONE
}
