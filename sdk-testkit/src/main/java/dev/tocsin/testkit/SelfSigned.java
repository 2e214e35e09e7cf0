package dev.tocsin.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ServerSocketFactory;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * The self-signed certificate of an HTTPS inbox (CN=localhost, for 127.0.0.1 and localhost, valid until 2126), made
 * once with {@code keytool -genkeypair -keyalg EC -ext SAN=ip:127.0.0.1,dns:localhost}; its key protects nothing.
 */
final class SelfSigned {
    private static final char[] PASSWORD = "tocsin-testkit".toCharArray();

    private SelfSigned() {
    }

    static ServerSocketFactory serverSockets() throws IOException {
        try (InputStream in = SelfSigned.class.getResourceAsStream("self-signed.p12")) {
            if (in == null) {
                throw new IOException("missing resource self-signed.p12");
            }
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, PASSWORD);
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, PASSWORD);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context.getServerSocketFactory();
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot load the inbox's certificate: " + e.getMessage(), e);
        }
    }
}
