package io.promptcms.run.provider;

/**
 * A provider refused or failed the call, after any retries. Carries the provider's own words so the API can
 * pass them on (a 502 problem) and the run can be recorded as failed with them.
 */
public class ProviderException extends RuntimeException {

    private final String provider;
    private final Integer status;
    private final String code;
    private final String providerMessage;
    private final boolean throttled;

    /**
     * @param provider        {@code bedrock} or {@code openai}
     * @param status          the provider's HTTP status, or null when no answer came (timeout, connection failure)
     * @param code            the provider's error type or code ({@code ThrottlingException}, {@code invalid_api_key}), or null
     * @param providerMessage the provider's message, as it gave it
     * @param throttled       true when the provider was still throttling after the last attempt
     */
    public ProviderException(String provider, Integer status, String code, String providerMessage, boolean throttled, Throwable cause) {
        super(provider + (status == null ? "" : " answered " + status) + (code == null ? "" : " " + code) + ": " + providerMessage, cause);
        this.provider = provider;
        this.status = status;
        this.code = code;
        this.providerMessage = providerMessage;
        this.throttled = throttled;
    }

    public ProviderException(String provider, Integer status, String code, String providerMessage, boolean throttled) {
        this(provider, status, code, providerMessage, throttled, null);
    }

    public String provider() {
        return provider;
    }

    public Integer status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String providerMessage() {
        return providerMessage;
    }

    public boolean throttled() {
        return throttled;
    }
}
