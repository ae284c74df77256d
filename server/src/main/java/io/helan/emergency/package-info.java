/**
 * The radiation emergency platform: incidents and drills with their emergency class, graded plans
 * applied as checklists, high-frequency measurement and sampler orders through the command service,
 * the plume estimate, the incident's timeline and its EURDEP export.
 */
package io.helan.emergency;
