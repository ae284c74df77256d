/**
 * Daily and monthly monitoring reports from the validated means: generated on schedule and on
 * demand, stored with a revision per change of the underlying validated data, downloadable as XLSX
 * and PDF.
 */
package io.helan.reports;
