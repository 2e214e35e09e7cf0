/**
 * Client-side event rules: {@link dev.tocsin.rules.Rule rules} that suppress, re-route, re-rate or enrich triggers
 * before they leave the process; the {@link dev.tocsin.rules.SeverityPolicy severity policy}; and
 * {@link dev.tocsin.rules.MaintenanceWindow maintenance windows}. The same rules can be written in code, in
 * {@code application.yml} and in {@code logback.xml} ({@link dev.tocsin.rules.RuleSpec},
 * {@link dev.tocsin.rules.MaintenanceSpec}).
 */
package dev.tocsin.rules;
