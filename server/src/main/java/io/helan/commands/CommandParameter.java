package io.helan.commands;

/**
 * A parameter a command kind takes.
 *
 * @param name as sent in requests and to the driver ({@code spanValue})
 * @param required whether a request must give it (otherwise a default applies or it is left out)
 * @param min smallest accepted value
 * @param max largest accepted value
 * @param unit unit of the value, or empty
 * @param description what it means, for API clients and the HMI
 */
public record CommandParameter(
    String name, boolean required, double min, double max, String unit, String description) {}
