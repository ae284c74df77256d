/** The links to field devices: one driver link per configured device, and their states. */
package io.helan.field;
