/**
 * The site model: region, station, device, point, command and alarm limit, and the loader that
 * reads and validates site files.
 */
package io.helan.config;
