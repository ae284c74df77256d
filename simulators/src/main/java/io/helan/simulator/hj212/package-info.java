/**
 * HJ 212 data loggers of pollution sources (flue-gas CEMS, wastewater outlets) that dial in to the
 * platform, upload real-time, minute and hourly data, answer the platform's requests and keep their
 * history through an outage so the platform can fetch what it missed.
 */
package io.helan.simulator.hj212;
