/** Spring Boot 4 auto-configuration for Tocsin: properties under {@code tocsin.*}, customizers, health alerting. */
package dev.tocsin.spring;
