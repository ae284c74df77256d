package io.helan.upstream;

import io.helan.driver.hj212.Hj212Packet;
import java.util.LinkedHashMap;
import java.util.Map;

/** A packet the upstream sent, copied out of the reader's reused view to be handled later. */
record UpstreamRequest(String qn, int cn, String password, String mn, Map<String, String> fields) {

  static UpstreamRequest of(Hj212Packet packet) {
    Map<String, String> fields = new LinkedHashMap<>();
    for (int i = 0; i < packet.fieldCount(); i++) {
      fields.putIfAbsent(packet.name(i), packet.value(i));
    }
    return new UpstreamRequest(
        packet.qn(), packet.cn(), packet.password(), packet.mn(), Map.copyOf(fields));
  }
}
