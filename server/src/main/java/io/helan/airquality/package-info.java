/**
 * The air quality index of HJ 633-2012: individual indices (IAQI) from the breakpoint tables,
 * hourly (real-time) and daily AQI per station, city and region, primary and exceeding pollutants,
 * category and colour.
 */
package io.helan.airquality;
