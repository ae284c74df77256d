/**
 * Surface water quality classes of GB 3838-2002: the class of each parameter (single-factor
 * assessment) and the class of a section, the worst of its parameters.
 */
package io.helan.waterquality;
