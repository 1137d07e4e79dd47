package org.rekindle.bench;

import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

import org.rekindle.model.Answers;

/** Each benchmark thread's place in the inputs, so that threads cycle through a mix on their own. */
@State(Scope.Thread)
public class Cursor {

    private int next;

    Answers next(Answers[] inputs) {
        Answers answers = inputs[next];
        next = next + 1 == inputs.length ? 0 : next + 1;
        return answers;
    }
}
