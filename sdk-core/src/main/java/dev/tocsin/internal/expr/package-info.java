/**
 * The condition language of rules and maintenance windows: the parser ({@code Expression}), its tree ({@code Node}),
 * regular expressions with bounded work, templates with placeholders, and the fields of an event they read. Uses only
 * the event model, so that the public {@code dev.tocsin.rules} classes can check what they are given.
 */
package dev.tocsin.internal.expr;
