/**
 * What every driver's device links share: the link thread, state reporting, reconnect backoff and
 * the driver's registry of open links.
 */
package io.helan.driver.link;
