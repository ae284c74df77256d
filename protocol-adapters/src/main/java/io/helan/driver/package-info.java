/**
 * The driver SPI: a {@link io.helan.driver.FieldDriver} connects devices of one protocol, a {@link
 * io.helan.driver.DeviceLink} reads (by polling or subscription) and executes commands. Drivers
 * report per-point quality instead of throwing, and know nothing of storage, alarms or displays.
 */
package io.helan.driver;
