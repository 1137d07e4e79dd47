package org.rekindle.content;

/** One answer an app may offer for a question: the value posted back and the label shown. */
public record Option(String value, String label) {
}
