package dev.tocsin.compat;

/**
 * A library on the class path is outside the versions Tocsin supports (or does not match what Tocsin calls). Its
 * message names each library, the version found and the versions needed. Thrown by {@code Tocsin.Builder.build()};
 * its own type so that integrations (the Spring Boot starter's failure report) can tell it from a setting's error.
 */
public final class UnsupportedLibraryException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public UnsupportedLibraryException(String message, Throwable cause) {
        super(message, cause);
    }
}
