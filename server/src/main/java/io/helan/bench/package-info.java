/** Benchmarks run from the command line ({@code helan bench ...}). */
package io.helan.bench;
