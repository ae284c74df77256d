package io.helan.emergency;

import java.time.Instant;

/**
 * One event of an incident's timeline.
 *
 * @param seq order within the incident, from 1
 * @param user who did it, or {@code system}
 * @param text what happened, for people
 * @param detail what happened, as a JSON object for programs
 */
public record TimelineEvent(
    long seq,
    Instant time,
    String incidentId,
    EventKind kind,
    String user,
    String text,
    String detail) {}
