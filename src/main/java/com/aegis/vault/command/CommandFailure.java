package com.aegis.vault.command;

/**
 * A command that cannot do its job: the message is the single line printed on standard error
 * (what failed, which migration, what to do) and {@link #exitCode()} the process status.
 */
public class CommandFailure extends RuntimeException {

    public static final int FAILED = 1;
    public static final int USAGE = 2;

    private final int exitCode;

    public CommandFailure(String message) {
        this(FAILED, message);
    }

    public CommandFailure(int exitCode, String message) {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
