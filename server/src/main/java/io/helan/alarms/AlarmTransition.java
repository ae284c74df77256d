package io.helan.alarms;

import java.time.Instant;

/**
 * One journal entry: an alarm as it stood right after a transition, who caused it and why. It
 * carries what a restart needs to rebuild the alarm (condition, shelve kind, out of service).
 *
 * @param time when it happened; unique and increasing per engine, so the journal orders exactly
 * @param alarm the alarm after the transition
 * @param conditionActive whether the condition (after delays) was active
 * @param oneShotShelve whether a shelve lasts until the alarm next returns to normal
 * @param outOfService whether the alarm was out of service
 * @param user who caused it, or {@code system}
 * @param origin where the user acted from ({@code rest 10.0.0.5:51234}), or null for the engine
 * @param reason the operator's comment or reason, or null
 */
public record AlarmTransition(
    Instant time,
    AlarmRecord alarm,
    boolean conditionActive,
    boolean oneShotShelve,
    boolean outOfService,
    String user,
    String origin,
    String reason) {}
