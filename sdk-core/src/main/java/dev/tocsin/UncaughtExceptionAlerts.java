package dev.tocsin;

import dev.tocsin.event.Alert;
import dev.tocsin.event.Severity;
import dev.tocsin.internal.text.Throwables;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Objects;

/**
 * Pages when a thread dies of an uncaught exception. {@link #install(Tocsin)} makes it the JVM's default
 * uncaught-exception handler, chained to the one before it; {@link #uninstall()} puts that one back.
 *
 * <p>For a dying thread it triggers a {@link Severity#CRITICAL} alert keyed by the exception's fingerprint,
 * waits up to the delivery wait (default {@value #DEFAULT_WAIT_SECONDS} s) until the page is delivered, or
 * written to the spool when there is one, so it is not lost when a dying main thread takes the JVM down, then hands the exception to the previous handler, or prints it as the JVM
 * would. It never throws. Thread-safe; install one per JVM.
 */
public final class UncaughtExceptionAlerts implements Thread.UncaughtExceptionHandler {
    public static final long DEFAULT_WAIT_SECONDS = 3;

    private final Tocsin tocsin;
    private final Duration wait;
    private final Thread.UncaughtExceptionHandler previous;

    private UncaughtExceptionAlerts(Tocsin tocsin, Duration wait, Thread.UncaughtExceptionHandler previous) {
        this.tocsin = Objects.requireNonNull(tocsin, "tocsin");
        this.wait = Objects.requireNonNull(wait, "wait");
        this.previous = previous;
    }

    /** Installs with the default delivery wait. */
    public static UncaughtExceptionAlerts install(Tocsin tocsin) {
        return install(tocsin, Duration.ofSeconds(DEFAULT_WAIT_SECONDS));
    }

    /**
     * Makes a new handler the default uncaught-exception handler, chained to the current one.
     *
     * @param wait how long a dying thread waits for the page to be delivered
     */
    public static UncaughtExceptionAlerts install(Tocsin tocsin, Duration wait) {
        UncaughtExceptionAlerts handler = new UncaughtExceptionAlerts(tocsin, wait,
                Thread.getDefaultUncaughtExceptionHandler());
        Thread.setDefaultUncaughtExceptionHandler(handler);
        return handler;
    }

    /** Restores the handler that was the default before {@link #install}, if this one is still the default. */
    public void uninstall() {
        if (Thread.getDefaultUncaughtExceptionHandler() == this) {
            Thread.setDefaultUncaughtExceptionHandler(previous);
        }
    }

    @Override
    public void uncaughtException(Thread thread, Throwable error) {
        try {
            String message = Throwables.message(error); // a hostile getMessage() must not stop the page
            Alert alert = Alert.trigger("Uncaught " + error.getClass().getName() + " in thread \""
                            + thread.getName() + "\"" + (message == null ? "" : ": " + message))
                    .severity(Severity.CRITICAL)
                    .type("uncaught-exception")
                    .detail("thread", thread.getName())
                    .build();
            tocsin.trigger(alert, error);
            tocsin.persist(wait); // delivered, or safe in the spool when there is one
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
            // timed out or failed: the page may still leave; the previous handler must run regardless
        } finally {
            if (previous != null) {
                previous.uncaughtException(thread, error);
            } else {
                printLikeTheJvm(thread, error, System.err);
            }
        }
    }

    private static void printLikeTheJvm(Thread thread, Throwable error, PrintStream err) {
        if (!(error instanceof ThreadDeath)) {
            err.print("Exception in thread \"" + thread.getName() + "\" ");
            try {
                error.printStackTrace(err);
            } catch (RuntimeException | StackOverflowError e) {
                err.println(Throwables.describe(error));
            }
        }
    }
}
