package io.promptcms.pricing;

import java.util.Locale;

/** Which models a catalog listing shows: one provider's (named in any case) or every provider's, runnable ones only or all. */
public record ModelQuery(String provider, boolean runnableOnly) {

    /** @param provider null for every provider */
    public ModelQuery {
        provider = provider == null ? null : provider.toLowerCase(Locale.ROOT);
    }

    public boolean matches(ModelInfo model) {
        return (provider == null || model.provider().equals(provider)) && (!runnableOnly || model.runnable());
    }
}
