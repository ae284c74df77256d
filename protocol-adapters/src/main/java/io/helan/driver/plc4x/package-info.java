/**
 * The PLC4X driver (Apache PLC4X): any PLC4X connection string, the device's points read as PLC4X
 * tags through PLC4X's connection cache, and tag writes for commands.
 */
package io.helan.driver.plc4x;
