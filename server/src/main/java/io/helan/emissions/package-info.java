/**
 * Pollution-source (CEMS) products after HJ 75/76-2017: hourly averages converted to the reference
 * O2 content of the emission standard, and their exceedances of the permit limit.
 */
package io.helan.emissions;
