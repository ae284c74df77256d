/**
 * Logical checks of data quality per point: plausible range, flatline (a stuck or faked analyser),
 * spike, rate of change, cross-checks between points (PM2.5 ≤ PM10, NO2 ≤ NOx), O2 within 0–21 %,
 * and stale values. A failing check marks the sample uncertain and names the rule; it never changes
 * the raw value.
 */
package io.helan.quality;
