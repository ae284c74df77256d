/** HTTP: the REST API, WebSocket push of live values, metrics, and the HMI's static files. */
package io.helan.web;
