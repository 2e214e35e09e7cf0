package dev.tocsin.event;

import java.net.URI;
import java.time.Instant;

/**
 * One dead letter: an event a spooled client gave up on ({@code DeadLetters.read}).
 *
 * @param time when it was given up
 * @param lane the destination's name (never a secret)
 * @param event what it was, such as {@code trigger ConnectException-7c6e53da5f4c503e}
 * @param reason why it was given up, such as PagerDuty's error text
 * @param uri where it was sent
 * @param body the request body as sent; it may hold the routing key
 */
public record DeadLetter(Instant time, String lane, String event, String reason, URI uri, String body) {
    @Override
    public String toString() {
        return "DeadLetter[" + time + " " + lane + " " + event + ": " + reason + "]"; // no body: it holds the key
    }
}
