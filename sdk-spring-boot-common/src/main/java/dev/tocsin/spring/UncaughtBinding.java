package dev.tocsin.spring;

import dev.tocsin.Tocsin;
import dev.tocsin.UncaughtExceptionAlerts;
import org.springframework.beans.factory.DisposableBean;

/**
 * The uncaught-exception handler, and the client it pages through. {@link EarlyState} installs one before the
 * context exists and moves it to the context's client ({@link EarlyState#uncaughtFor}); the context's bean is that
 * one, or one installed for the context's client when none was made before. The context restores the previous
 * handler when it closes ({@link #destroy()}). Thread-safe.
 */
final class UncaughtBinding implements DisposableBean {
    private UncaughtExceptionAlerts handler; // guarded by this; null once uninstalled

    private UncaughtBinding(UncaughtExceptionAlerts handler) {
        this.handler = handler;
    }

    /** Makes a handler that pages through {@code client} the JVM's default, chained to the one before it. */
    static UncaughtBinding install(Tocsin client) {
        return new UncaughtBinding(UncaughtExceptionAlerts.install(client));
    }

    /** Pages through {@code next} from now on: the handler is replaced by one for {@code next}, in its place. */
    synchronized void moveTo(Tocsin next) {
        if (handler != null) {
            handler.uninstall();
            handler = UncaughtExceptionAlerts.install(next);
        }
    }

    /** Restores the handler that was the default before. Idempotent. */
    synchronized void uninstall() {
        if (handler != null) {
            handler.uninstall();
            handler = null;
        }
    }

    /** The context closes: the previous handler is back. */
    @Override
    public void destroy() {
        uninstall();
    }

    /** The installed handler, or {@code null} once uninstalled; for tests. */
    synchronized UncaughtExceptionAlerts handler() {
        return handler;
    }
}
