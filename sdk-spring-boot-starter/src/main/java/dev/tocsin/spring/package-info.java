/** Spring Boot auto-configuration for Tocsin (filled in by a later change). */
package dev.tocsin.spring;
