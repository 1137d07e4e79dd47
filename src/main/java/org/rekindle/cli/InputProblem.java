package org.rekindle.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Something a coach named on the command line (a file, a folder) that cannot be used. The message
 * names it and says what is wrong and, where it helps, which flag to fix; the command exits 2 without
 * a stack trace or the usage text.
 */
final class InputProblem extends RuntimeException {

    InputProblem(String message) {
        super(message, null, false, false);
    }

    /**
     * The file {@code name}, checked before it is read.
     *
     * @param what what the file should be, for the message: "an answers file"
     * @throws InputProblem when it is missing, a folder, or not readable
     */
    static Path readableFile(String name, String what) {
        Path file = Path.of(name);
        if (Files.isDirectory(file)) {
            throw new InputProblem(name + ": is a folder, not a file; name " + what);
        }
        if (!Files.exists(file)) {
            throw new InputProblem(name + ": no such file (looked for " + file.toAbsolutePath() + ")");
        }
        if (!Files.isReadable(file)) {
            throw new InputProblem(name + ": cannot be read (permission denied)");
        }
        return file;
    }

    /**
     * The folder {@code dir}, checked before anything is read from it.
     *
     * @param advice which setting to fix, and how: "--rules (or REKINDLE_RULES) must name the folder of rule files"
     * @throws InputProblem when it is missing or not a folder
     */
    static Path folder(Path dir, String advice) {
        if (Files.isDirectory(dir)) {
            return dir;
        }
        throw new InputProblem(dir + ": " + (Files.exists(dir) ? "is a file, not a folder" : "no such folder")
                + " (looked for " + dir.toAbsolutePath() + "); " + advice);
    }

    /** The same for a failure found only while reading: Java's messages name the file, or only the problem. */
    static InputProblem of(IOException e) {
        if (e instanceof NoSuchFileException missing) {
            return new InputProblem(missing.getFile() + ": no such file");
        }
        if (e instanceof AccessDeniedException denied) {
            return new InputProblem(denied.getFile() + ": cannot be read (permission denied)");
        }
        if (e instanceof FileSystemException failed && failed.getFile() != null) {
            return new InputProblem(failed.getFile() + ": " + failed.getReason());
        }
        return new InputProblem("could not read an input: " + e.getMessage());
    }
}
