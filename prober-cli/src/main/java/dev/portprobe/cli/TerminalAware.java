package dev.portprobe.cli;

/** A command or mixin that needs the terminal. */
interface TerminalAware {
    void terminal(Terminal terminal);
}
