package io.helan.commands;

import io.helan.auth.Origin;
import io.helan.config.CommandKind;
import java.time.Instant;
import java.util.Map;

/**
 * A snapshot of one command as stored and shown.
 *
 * @param id unique id (UUID text)
 * @param deviceId target device
 * @param commandId the device's command definition id
 * @param kind what it does
 * @param parameters its parameters
 * @param user who requested it
 * @param origin where the request came from
 * @param state current state
 * @param detail the reason of a refusal or failure, or the device's answer
 * @param requested when it was requested
 * @param updated when its state last changed
 */
public record CommandRecord(
    String id,
    String deviceId,
    String commandId,
    CommandKind kind,
    Map<String, Double> parameters,
    String user,
    Origin origin,
    CommandState state,
    String detail,
    Instant requested,
    Instant updated) {}
