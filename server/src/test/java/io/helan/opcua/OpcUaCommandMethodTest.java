package io.helan.opcua;

import static org.assertj.core.api.Assertions.assertThat;

import io.helan.config.CommandDefinition;
import io.helan.config.CommandKind;
import io.helan.config.Device;
import io.helan.config.SiteLoader;
import java.util.Optional;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.structured.CallMethodRequest;
import org.eclipse.milo.opcua.stack.core.types.structured.CallMethodResult;
import org.junit.jupiter.api.Test;

/** A command method on a server without a command service still answers, clearly. */
class OpcUaCommandMethodTest {

  @Test
  void withoutACommandServiceTheMethodRefusesWithNotImplementedAndSaysWhy() {
    Device rack =
        SiteLoader.loadDefault().devices().stream()
            .filter(d -> d.type().equals("air-analyser-rack"))
            .findFirst()
            .orElseThrow();
    CommandDefinition span =
        rack.commands().stream()
            .filter(c -> c.kind() == CommandKind.SPAN_CALIBRATION)
            .findFirst()
            .orElseThrow();
    CommandMethod method = new CommandMethod(rack, span, CommandArguments.of(span), null);

    CallMethodResult result =
        method.invoke(
            Optional::empty,
            new CallMethodRequest(
                new NodeId(2, rack.id()),
                new NodeId(2, rack.id() + "#" + span.id()),
                new Variant[] {Variant.ofDouble(400), Variant.ofDouble(0)}));

    assertThat(result.getStatusCode().getValue()).isEqualTo(StatusCodes.Bad_NotImplemented);
    assertThat(result.getOutputArguments()[2].value())
        .isEqualTo("remote commands are not enabled on this server");
  }
}
