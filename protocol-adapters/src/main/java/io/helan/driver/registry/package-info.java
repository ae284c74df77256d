/** Which driver serves which protocol: {@link io.helan.driver.registry.FieldDrivers}. */
package io.helan.driver.registry;
