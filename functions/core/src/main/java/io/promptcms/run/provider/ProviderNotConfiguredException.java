package io.promptcms.run.provider;

/**
 * The deployment cannot reach this provider at all (e.g. no API key secret configured for the openai adapter).
 * Thrown by {@link ModelProviders#forAdapter} before anything is reserved or sent, so the caller can refuse the
 * run up front instead of recording a provider failure.
 */
public class ProviderNotConfiguredException extends ProviderException {

    public ProviderNotConfiguredException(String provider, String reason) {
        super(provider, null, "not_configured", reason, false);
    }
}
