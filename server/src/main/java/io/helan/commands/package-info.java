/**
 * Remote commands: request, authorise, interlocks, select-before-operate, execution through the
 * device's driver, persisted state and audit.
 */
package io.helan.commands;
