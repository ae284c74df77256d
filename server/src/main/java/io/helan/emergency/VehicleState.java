package io.helan.emergency;

import io.helan.driver.DataFlag;
import java.util.Optional;

/**
 * A vehicle as it reports now.
 *
 * @param reporting whether its position and dose rate are current and good; the values below are
 *     NaN when it is not
 * @param doseRate nGy/h
 * @param flag the dose rate's data flag (X while it plays a drill)
 * @param dispatch where it was sent and has not yet arrived, if anywhere
 */
public record VehicleState(
    Vehicle vehicle,
    boolean reporting,
    double latitude,
    double longitude,
    double doseRate,
    DataFlag flag,
    Optional<Dispatch> dispatch) {}
