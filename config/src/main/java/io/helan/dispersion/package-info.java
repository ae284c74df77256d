/**
 * Atmospheric dispersion of a release: Pasquill–Gifford stability classes and the Gaussian plume.
 * Shared by the server's plume estimate and the simulators' drill release, so that a simulated
 * release raises station readings exactly as the estimate expects.
 */
package io.helan.dispersion;
