/** The intake queue: bounded, many producers, one consumer; what the caller's thread does ends here. */
package dev.tocsin.internal.intake;
