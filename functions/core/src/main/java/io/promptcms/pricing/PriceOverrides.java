package io.promptcms.pricing;

import java.util.Optional;

/**
 * Where the operator's price overrides come from (a file in the catalog's schema), so prices change without a
 * deploy. Empty when there is no override file; an exception when it cannot be read right now.
 */
@FunctionalInterface
public interface PriceOverrides {

    Optional<byte[]> read();

    PriceOverrides NONE = Optional::empty;
}
