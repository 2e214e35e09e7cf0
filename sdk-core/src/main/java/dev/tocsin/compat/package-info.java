/**
 * Checks that the libraries on the class path (Jackson, Resilience4j, SLF4J, Micrometer, and for the integrations
 * Logback and Spring Boot) are within the versions Tocsin supports, and says in plain words which one is not.
 */
package dev.tocsin.compat;
