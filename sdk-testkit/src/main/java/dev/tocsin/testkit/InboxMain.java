package dev.tocsin.testkit;

import java.io.PrintStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/** The standalone inbox's command line: {@code [--port N] [--host ADDRESS]}, or {@code TOCSIN_INBOX_PORT}. */
final class InboxMain {
    static final int DEFAULT_PORT = 8025;

    private InboxMain() {
    }

    static void run(String[] args, Map<String, String> env, PrintStream out, PrintStream err)
            throws InterruptedException {
        IncidentInbox inbox;
        try {
            inbox = parse(args, env).start();
        } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
            err.println(e.getMessage());
            err.println("usage: IncidentInbox [--port N] [--host ADDRESS]   (port " + DEFAULT_PORT
                    + " unless --port or TOCSIN_INBOX_PORT says otherwise; 0 takes a free port)");
            System.exit(2);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            inbox.close();
            stopped.countDown();
        }, "tocsin-inbox-shutdown"));
        out.println(banner(inbox));
        stopped.await();
    }

    static String banner(IncidentInbox inbox) {
        return "Tocsin incident inbox: " + inbox.url() + "/\n"
                + "  PagerDuty Events API v2: " + inbox.eventsUrl() + " (any routing key of 32 letters and digits)\n"
                + "  change events:           " + inbox.changeEventsUrl() + "\n"
                + "  Alertmanager API v2:     " + inbox.url() + " (alerts at /api/v2/alerts)";
    }

    static IncidentInbox.Builder parse(String[] args, Map<String, String> env) {
        IncidentInbox.Builder builder = IncidentInbox.builder().port(DEFAULT_PORT);
        String fromEnv = env.get("TOCSIN_INBOX_PORT");
        if (fromEnv != null) {
            builder.port(port(fromEnv, "TOCSIN_INBOX_PORT"));
        }
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (i + 1 >= args.length || !(arg.equals("--port") || arg.equals("--host"))) {
                throw new IllegalArgumentException("tocsin inbox: unknown or incomplete argument \"" + arg + "\"");
            }
            String value = args[++i];
            if (arg.equals("--port")) {
                builder.port(port(value, "--port"));
            } else {
                try {
                    builder.host(InetAddress.getByName(value));
                } catch (UnknownHostException e) {
                    throw new IllegalArgumentException("tocsin inbox: --host \"" + value + "\" is not an address");
                }
            }
        }
        return builder;
    }

    private static int port(String value, String from) {
        try {
            int port = Integer.parseInt(value.trim());
            if (port < 0 || port > 65_535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("tocsin inbox: " + from + " \"" + value
                    + "\" is not a port (0 to 65535)");
        }
    }
}
