/**
 * What every capability's REST API shares without depending on the web layer: the JSON error
 * answer.
 */
package io.helan.http;
