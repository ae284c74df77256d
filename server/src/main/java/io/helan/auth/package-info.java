/** Users, roles, password hashing and sessions for REST, WebSocket and OPC UA. */
package io.helan.auth;
