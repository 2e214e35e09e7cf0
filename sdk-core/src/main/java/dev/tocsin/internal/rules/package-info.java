/**
 * The rules stage of the pipeline: the rule engine, maintenance windows, routes (which lanes an alert goes to, and
 * what its acknowledge and resolve follow) and the flood gates that fold floods of distinct keys. Dispatch thread
 * only, but for opening and listing maintenance windows.
 */
package dev.tocsin.internal.rules;
