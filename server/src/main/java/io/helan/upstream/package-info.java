/**
 * Forwarding to higher platforms (county → city → province → national) over HJ 212: this node acts
 * as the data logger of the forwarded devices toward each upstream, with a durable queue per
 * upstream so that an outage or a restart loses nothing and order is kept.
 */
package io.helan.upstream;
