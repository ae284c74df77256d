package io.helan.commands;

/**
 * Why a command or an attempt on it was refused; REST maps it to an HTTP status, OPC UA to a status
 * code.
 */
public enum CommandRefusal {
  /** The user lacks the role, or is not the user who selected the command. (403) */
  NOT_AUTHORISED,
  /** No such device, command definition or command id. (404) */
  UNKNOWN_TARGET,
  /** A parameter is missing, unknown or out of range. (400) */
  BAD_PARAMETER,
  /** The device is offline, busy with another command, or its mode forbids the command. (409) */
  INTERLOCK,
  /** The command is not in a state that allows the attempt (already operated, final). (409) */
  WRONG_STATE
}
