package dev.tocsin.spring;

import dev.tocsin.Tocsin;
import dev.tocsin.UncaughtExceptionAlerts;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;

/** Installs the uncaught-exception handler with the context's client, and restores the previous one on close. */
final class UncaughtBinding implements InitializingBean, DisposableBean {
    private final Tocsin tocsin;
    private UncaughtExceptionAlerts handler;

    UncaughtBinding(Tocsin tocsin) {
        this.tocsin = tocsin;
    }

    @Override
    public void afterPropertiesSet() {
        handler = UncaughtExceptionAlerts.install(tocsin);
    }

    @Override
    public void destroy() {
        if (handler != null) {
            handler.uninstall();
        }
    }
}
