/**
 * The radioactive-source register: the Class I–V sealed sources of the region with their holder,
 * place, nuclide and activity, the monitoring points of those watched online, kept in the data
 * directory and edited through the REST API.
 */
package io.helan.sources;
