package io.promptcms.bench;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.promptcms.aws.AwsClients;
import io.promptcms.common.Env;
import io.promptcms.common.EnvNames;
import io.promptcms.common.Json;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The cold-start baseline: the smallest useful handler, one GetItem with the same SDK client setup as the real
 * functions ({@link AwsClients}). The prompts function is measured against it.
 */
public final class HelloGetItemFunction implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private final DynamoDbClient dynamoDb;
    private final String table;

    public HelloGetItemFunction() {
        this(Env.system());
    }

    public HelloGetItemFunction(Env env) {
        this.dynamoDb = new AwsClients(env).dynamoDb();
        this.table = env.require(EnvNames.PROMPTS_TABLE);
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        String id = event.getPathParameters().get("id");
        Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(table).key(Map.of("id", AttributeValue.fromS(id)))).item();
        boolean found = item != null && !item.isEmpty();
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(found ? 200 : 404)
                .withBody(found ? Json.write(Map.of("name", item.get("name").s())) : "{}")
                .build();
    }
}
