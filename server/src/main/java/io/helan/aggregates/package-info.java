/**
 * Validated means: hourly means from the valid minutes of an hour, daily means from the valid hours
 * of a day, O3 8-hour moving means and their daily maximum, each with the count of valid inputs
 * beside it. Pure functions over stored samples; data flagged F, M, S, D, C or B and samples a
 * quality rule marked are left out.
 */
package io.helan.aggregates;
