package dev.tocsin.testkit;

import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 support: an {@link IncidentInbox} for each test, closed after it, and the test failed if any request it
 * received is one the real service would have refused (unless {@link #allowInvalidRequests()}).
 *
 * <pre>{@code
 * @RegisterExtension
 * final InboxExtension inbox = new InboxExtension();
 *
 * @Test
 * void paymentFailuresPage() {
 *     // ... a client sending to inbox.eventsUrl() with IncidentInbox.ROUTING_KEY ...
 *     InboxAssertions.assertThat(inbox.inbox()).hasIncident("payment-failed").isOpen().hasSeverity("critical");
 * }
 * }</pre>
 *
 * As a {@code static} field, or with {@code @ExtendWith(InboxExtension.class)} on the class, it starts one inbox for
 * the whole class and clears it before each test; a test method or constructor may take it as an
 * {@code IncidentInbox} parameter.
 */
public final class InboxExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback,
        ParameterResolver {
    private final IncidentInbox.Builder settings;
    private boolean allowInvalid;
    private IncidentInbox inbox;
    private boolean perClass;

    /** Inboxes on a free port, with the system clock and no rate limit. */
    public InboxExtension() {
        this(IncidentInbox.builder());
    }

    /** Inboxes with these settings; the builder is read as each one starts. */
    public InboxExtension(IncidentInbox.Builder settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** Refused requests do not fail the test: for a test that sends them on purpose. */
    public InboxExtension allowInvalidRequests() {
        allowInvalid = true;
        return this;
    }

    /** The inbox of the running test. */
    public IncidentInbox inbox() {
        if (inbox == null) {
            throw new IllegalStateException("tocsin testkit: no inbox outside a test; register the extension with "
                    + "@RegisterExtension");
        }
        return inbox;
    }

    /** The running inbox's Events API alerts endpoint. */
    public String eventsUrl() {
        return inbox().eventsUrl();
    }

    /** The running inbox's base URL, for an Alertmanager client. */
    public String url() {
        return inbox().url();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        perClass = true;
        inbox = settings.start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        IncidentInbox done = inbox;
        inbox = null;
        perClass = false;
        if (done != null) {
            done.close();
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (perClass) {
            inbox.clear();
        } else {
            inbox = settings.start();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        IncidentInbox done = inbox;
        if (!perClass) {
            inbox = null;
            done.close();
        }
        if (!allowInvalid && context.getExecutionException().isEmpty()) {
            assertAllValid(done);
        }
    }

    /** Throws an {@link AssertionError} naming each request the real service would have refused. */
    static void assertAllValid(IncidentInbox inbox) {
        List<ReceivedRequest> invalid = inbox.invalidRequests();
        if (!invalid.isEmpty()) {
            StringBuilder message = new StringBuilder("tocsin testkit: ").append(invalid.size())
                    .append(invalid.size() == 1 ? " request" : " requests").append(" the real service would refuse:");
            invalid.stream().limit(5).forEach(r -> message.append("\n  ").append(r));
            throw new AssertionError(message.toString());
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == IncidentInbox.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return inbox();
    }
}
