/** The supervisory server as one unit: wiring of site, drivers, ingest, historian and web. */
package io.helan.server;
