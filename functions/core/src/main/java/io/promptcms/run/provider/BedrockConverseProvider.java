package io.promptcms.run.provider;

import java.util.Objects;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.BedrockRuntimeException;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.InferenceConfiguration;
import software.amazon.awssdk.services.bedrockruntime.model.Message;
import software.amazon.awssdk.services.bedrockruntime.model.ModelNotReadyException;
import software.amazon.awssdk.services.bedrockruntime.model.ThrottlingException;
import software.amazon.awssdk.services.bedrockruntime.model.TokenUsage;

/**
 * Amazon Bedrock through the model-agnostic Converse API. Retries, backoff and the overall time limit are the
 * SDK client's ({@link io.promptcms.aws.AwsClients#bedrockRuntime()}); this class only maps the conversation in
 * and the answer or the error out.
 */
public final class BedrockConverseProvider implements ModelProvider {

    public static final String PROVIDER = "bedrock";

    private final BedrockRuntimeClient client;

    public BedrockConverseProvider(BedrockRuntimeClient client) {
        this.client = client;
    }

    @Override
    public Completion complete(CompletionRequest request) {
        var inference = InferenceConfiguration.builder().maxTokens(request.maxTokens());
        if (request.temperature() != null) {
            inference.temperature(request.temperature().floatValue());
        }
        Message user = Message.builder().role(ConversationRole.USER).content(ContentBlock.fromText(request.prompt())).build();
        ConverseResponse response;
        try {
            response = client.converse(converse -> converse
                    .modelId(request.providerModelId())
                    .messages(user)
                    .inferenceConfig(inference.build()));
        } catch (BedrockRuntimeException e) {
            var details = e.awsErrorDetails();
            String message = details != null && details.errorMessage() != null ? details.errorMessage() : e.getMessage();
            String code = details != null ? details.errorCode() : null;
            // ModelNotReadyException is a 429 too: after the SDK's retries both mean "capacity, try later".
            boolean throttled = e instanceof ThrottlingException || e instanceof ModelNotReadyException || e.statusCode() == 429;
            throw new ProviderException(PROVIDER, e.statusCode(), code, message, throttled, e);
        } catch (SdkClientException e) {
            // No answer at all: the overall call timeout, or the endpoint could not be reached.
            throw new ProviderException(PROVIDER, null, null, e.getMessage(), false, e);
        }
        return completion(response);
    }

    private static Completion completion(ConverseResponse response) {
        String output = response.output() == null || response.output().message() == null ? ""
                : response.output().message().content().stream()
                        .map(ContentBlock::text)
                        .filter(Objects::nonNull)
                        .collect(Collectors.joining());
        TokenUsage usage = response.usage();
        boolean reported = usage != null && usage.inputTokens() != null && usage.outputTokens() != null;
        return new Completion(output,
                reported ? usage.inputTokens() : 0,
                reported ? usage.outputTokens() : 0,
                reported,
                response.stopReasonAsString(),
                PROVIDER,
                false);
    }
}
