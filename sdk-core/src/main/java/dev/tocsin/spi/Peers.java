package dev.tocsin.spi;

import java.util.List;

/**
 * The peers of a cluster that each take every event, such as the Alertmanagers of an HA cluster. The client
 * gives each peer a lane of its own ({@code Tocsin.Builder.destination(Peers)}), so that a dead peer neither blocks
 * nor loses deliveries to the others: the fan-out is the client's, not a destination's.
 */
public interface Peers {

    /** The peers, one destination each; never empty. */
    List<Destination> peers();
}
