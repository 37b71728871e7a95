package io.promptcms.run.provider;

/** Chooses the provider that runs a model's adapter; {@link ModelProviders} is the one built from configuration. */
public interface ProviderRouter {

    /** True when every run goes to the offline provider, whatever the model. */
    boolean offline();

    /**
     * @throws ProviderNotConfiguredException when the adapter needs configuration this deployment lacks
     * @throws IllegalArgumentException       for an adapter name no provider implements
     */
    ModelProvider forAdapter(String adapter);
}
