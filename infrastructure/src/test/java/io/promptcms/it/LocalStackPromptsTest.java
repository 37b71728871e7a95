package io.promptcms.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.JsonNode;
import io.promptcms.api.http.ApiResponse;
import io.promptcms.api.prompt.PromptsFunction;
import io.promptcms.auth.AuthorizerContext;
import io.promptcms.auth.Principal;
import io.promptcms.auth.Scope;
import io.promptcms.aws.AwsClients;
import io.promptcms.common.Env;
import io.promptcms.common.EnvNames;
import io.promptcms.common.Json;
import io.promptcms.local.bootstrap.TableBootstrap;
import io.promptcms.local.template.LocalValues;
import io.promptcms.local.template.Template;
import io.promptcms.local.template.TemplateReader;
import io.promptcms.local.testing.ProjectDir;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.containers.localstack.LocalStackContainer.Service;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;

/**
 * The prompt CRUD flow against LocalStack (DynamoDB and S3 in a container), for machines with Docker. The same
 * handler code, tables created from template.yaml, only the endpoints differ. Where Docker is absent (as on the
 * project's CI machines) the class is reported as skipped.
 */
@Testcontainers(disabledWithoutDocker = true)
class LocalStackPromptsTest {

    /** Pinned: newer LocalStack images require an auth token. */
    @Container
    private static final LocalStackContainer LOCALSTACK = new LocalStackContainer(DockerImageName.parse("localstack/localstack:4.14.0"))
            .withServices(Service.DYNAMODB, Service.S3);

    private static final Principal OWNER = new Principal("usr_localstack", "key_localstack", "test",
            Set.of(Scope.PROMPTS_READ, Scope.PROMPTS_WRITE));

    @Test
    void createReadUpdateVersionAndDeleteAPrompt() throws Exception {
        Template template = TemplateReader.read(ProjectDir.find().resolve("template.yaml"));
        LocalValues values = new LocalValues(template, "http://127.0.0.1:9");
        Map<String, String> env = new HashMap<>(values.environment(template.function("PromptsFunction").orElseThrow()));
        env.put(EnvNames.AWS_REGION, LOCALSTACK.getRegion());
        env.put(EnvNames.AWS_ENDPOINT_URL_DYNAMODB, LOCALSTACK.getEndpoint().toString());
        env.put(EnvNames.AWS_ENDPOINT_URL_S3, LOCALSTACK.getEndpoint().toString());
        new TableBootstrap(template, values).createMissing(new AwsClients(Env.of(env)).dynamoDb());
        PromptsFunction prompts = new PromptsFunction(Env.of(env));

        ApiResponse created = prompts.handle(request("POST /api/v1/prompts", "/api/v1/prompts", Map.of(),
                "{\"name\":\"On LocalStack\",\"content\":\"Hello {{name}}\"}"));
        assertEquals(201, created.status(), created.body());
        String id = Json.MAPPER.readTree(created.body()).get("id").asText();
        String path = "/api/v1/prompts/" + id;

        ApiResponse updated = prompts.handle(request("PUT /api/v1/prompts/{id}", path, Map.of("id", id),
                "{\"name\":\"On LocalStack\",\"content\":\"Hello again {{name}}\"}"));
        assertEquals(200, updated.status(), updated.body());

        JsonNode versions = Json.MAPPER.readTree(prompts.handle(request("GET /api/v1/prompts/{id}/versions", path + "/versions", Map.of("id", id), null)).body());
        assertEquals(2, versions.get("items").size());

        assertEquals(204, prompts.handle(request("DELETE /api/v1/prompts/{id}", path, Map.of("id", id), null)).status());
        assertEquals(404, prompts.handle(request("GET /api/v1/prompts/{id}", path, Map.of("id", id), null)).status());
    }

    private static APIGatewayV2HTTPEvent request(String routeKey, String path, Map<String, String> pathParameters, String body) {
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey(routeKey)
                .withRawPath(path)
                .withPathParameters(pathParameters)
                .withHeaders(Map.of("content-type", "application/json"))
                .withBody(body)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withRequestId("localstack")
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod(routeKey.split(" ")[0]).withPath(path).build())
                        .withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder().withLambda(AuthorizerContext.of(OWNER)).build())
                        .build())
                .build();
    }
}
