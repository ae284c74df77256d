/**
 * Charts drawn with the JDK's Java2D and written as PNG by its ImageIO, for every report the server
 * writes (the incident report, the daily and monthly data reports). The pictures carry no text, so
 * no font is needed and Chinese never shows as boxes: the report's own text gives each picture its
 * caption, legend and scale ({@link io.helan.charts.Scale} says where the grid lines are).
 */
package io.helan.charts;
