package io.helan.quality;

/**
 * A sample that failed a rule.
 *
 * @param index the sample's position in its batch
 * @param point the point's site-wide index
 * @param rule the failed rule
 * @param detail what was found, for the operator
 */
public record RuleFailure(int index, int point, QualityRule rule, String detail) {}
