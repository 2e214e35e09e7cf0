/** Micrometer binding; the only package that needs Micrometer, an optional dependency. */
package dev.tocsin.micrometer;
