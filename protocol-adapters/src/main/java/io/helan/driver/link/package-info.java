/** What every driver's device links share: the reconnect backoff and the link threads. */
package io.helan.driver.link;
