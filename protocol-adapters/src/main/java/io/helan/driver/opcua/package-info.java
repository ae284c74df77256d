/**
 * The OPC UA client driver (Eclipse Milo): one session and subscription per device, status code to
 * quality mapping, and method calls for commands.
 */
package io.helan.driver.opcua;
