package org.rekindle.cli;

import java.nio.file.Path;

import picocli.CommandLine.Option;

/** The {@code --rules} and {@code --content} options every command shares. */
final class RulesOptions {

    @Option(names = "--rules", paramLabel = "DIR", defaultValue = "${env:REKINDLE_RULES:-rules}",
            description = "Folder of rule files (default: ${DEFAULT-VALUE}, or $REKINDLE_RULES).")
    Path rules;

    @Option(names = "--content", paramLabel = "DIR", defaultValue = "${env:REKINDLE_CONTENT:-content}",
            description = "Folder of content files (default: ${DEFAULT-VALUE}, or $REKINDLE_CONTENT).")
    Path content;
}
