/**
 * Several servers as one: a Vert.x cluster over Hazelcast, and which node polls which device
 * (Hazelcast's partition owner of the device id, only while the node sees the cluster's majority).
 */
package io.helan.cluster;
