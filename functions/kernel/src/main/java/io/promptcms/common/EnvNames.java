package io.promptcms.common;

import java.util.Set;

/**
 * The name of every environment variable the functions read, spelled once. {@code template.yaml} declares which
 * function gets which; {@code TemplateConsistencyTest} checks that each function reads exactly those, apart from
 * the ones the platform or the JVM own ({@link #SET_BY_PLATFORM}, {@link #READ_BY_JVM}).
 */
public final class EnvNames {

    // Tables
    public static final String API_KEYS_TABLE = "API_KEYS_TABLE";
    public static final String BUDGETS_TABLE = "BUDGETS_TABLE";
    public static final String COLLECTIONS_TABLE = "COLLECTIONS_TABLE";
    public static final String EXPORT_JOBS_TABLE = "EXPORT_JOBS_TABLE";
    public static final String IDEMPOTENCY_TABLE = "IDEMPOTENCY_TABLE";
    public static final String IMPORT_JOBS_TABLE = "IMPORT_JOBS_TABLE";
    public static final String PROMPTS_TABLE = "PROMPTS_TABLE";
    public static final String PROMPT_VERSIONS_TABLE = "PROMPT_VERSIONS_TABLE";
    public static final String RATE_LIMITS_TABLE = "RATE_LIMITS_TABLE";
    public static final String SAVED_SEARCHES_TABLE = "SAVED_SEARCHES_TABLE";
    public static final String USAGE_EVENTS_TABLE = "USAGE_EVENTS_TABLE";
    public static final String USAGE_ROLLUPS_TABLE = "USAGE_ROLLUPS_TABLE";

    // Storage and search
    public static final String BUCKET_NAME = "BUCKET_NAME";
    public static final String OPENSEARCH_ENDPOINT = "OPENSEARCH_ENDPOINT";
    public static final String OPENSEARCH_ALIAS = "OPENSEARCH_ALIAS";

    // Limits
    public static final String RATE_LIMIT_PER_MINUTE = "RATE_LIMIT_PER_MINUTE";
    public static final String RUN_EVENT_RETENTION_DAYS = "RUN_EVENT_RETENTION_DAYS";

    // Model providers
    public static final String MODEL_PROVIDER_MODE = "MODEL_PROVIDER_MODE";
    public static final String OPENAI_BASE_URL = "OPENAI_BASE_URL";
    public static final String OPENAI_API_KEY_SECRET = "OPENAI_API_KEY_SECRET";
    public static final String OPENAI_MAX_TOKENS_FIELD = "OPENAI_MAX_TOKENS_FIELD";

    // Set by Lambda (the region) or by the local runtime and tests (endpoint overrides); never declared in the template
    public static final String AWS_REGION = "AWS_REGION";
    public static final String AWS_ENDPOINT_URL_DYNAMODB = "AWS_ENDPOINT_URL_DYNAMODB";
    public static final String AWS_ENDPOINT_URL_S3 = "AWS_ENDPOINT_URL_S3";
    public static final String AWS_ENDPOINT_URL_BEDROCK_RUNTIME = "AWS_ENDPOINT_URL_BEDROCK_RUNTIME";
    public static final String AWS_ENDPOINT_URL_SECRETS_MANAGER = "AWS_ENDPOINT_URL_SECRETS_MANAGER";

    // Read by the JVM at start-up, not by our code
    public static final String JAVA_TOOL_OPTIONS = "JAVA_TOOL_OPTIONS";

    /** Set by Lambda itself or by the local runtime for the clients every function builds at start-up: never declared. */
    public static final Set<String> SET_BY_PLATFORM = Set.of(AWS_REGION, AWS_ENDPOINT_URL_DYNAMODB, AWS_ENDPOINT_URL_S3);
    /** Declared for the JVM, so no function reads them. */
    public static final Set<String> READ_BY_JVM = Set.of(JAVA_TOOL_OPTIONS);

    private EnvNames() {
    }
}
