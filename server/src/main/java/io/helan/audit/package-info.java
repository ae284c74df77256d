/**
 * The tamper-evident audit trail: every command step, login and refusal as an append-only, SHA-256
 * hash-chained log with an anchored head, and {@code helan audit verify}.
 */
package io.helan.audit;
