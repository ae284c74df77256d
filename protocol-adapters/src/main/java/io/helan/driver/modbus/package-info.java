/**
 * The Modbus TCP driver: block read planning, register decoding by data type and word order, the
 * analyser racks' status word, and a polling link per device.
 */
package io.helan.driver.modbus;
