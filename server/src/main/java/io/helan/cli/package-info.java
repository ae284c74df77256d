/** The command line: run the server, run the simulated field, benchmarks. */
package io.helan.cli;
