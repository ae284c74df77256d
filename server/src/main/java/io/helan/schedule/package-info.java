/** Work run at a fixed delay on a thread of its own. */
package io.helan.schedule;
