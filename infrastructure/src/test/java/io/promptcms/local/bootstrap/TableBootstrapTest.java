package io.promptcms.local.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.promptcms.aws.AwsClients;
import io.promptcms.common.Env;
import io.promptcms.common.EnvNames;
import io.promptcms.local.FixtureRuntime;
import io.promptcms.local.RunningRuntime;
import io.promptcms.local.template.LocalValues;
import io.promptcms.local.template.TemplateReader;
import io.promptcms.local.testing.ProjectDir;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

class TableBootstrapTest {

    private final RunningRuntime runtime = FixtureRuntime.get();
    private final DynamoDbClient dynamo = new AwsClients(Env.of(Map.of(EnvNames.AWS_ENDPOINT_URL_DYNAMODB, runtime.dynamoDbEndpoint()))).dynamoDb();

    @Test
    void tableIsCreatedAsDeclared() {
        var table = dynamo.describeTable(r -> r.tableName("EventsTable")).table();
        assertEquals(List.of(KeySchemaElement.builder().attributeName("id").keyType("HASH").build()), table.keySchema());
        var gsi = table.globalSecondaryIndexes().getFirst();
        assertEquals("byOwner", gsi.indexName());
        assertEquals(List.of("ownerId", "at"), gsi.keySchema().stream().map(KeySchemaElement::attributeName).toList());
        assertEquals(ProjectionType.KEYS_ONLY, gsi.projection().projectionType());
        assertTrue(table.streamSpecification().streamEnabled());
        assertEquals(StreamViewType.NEW_AND_OLD_IMAGES, table.streamSpecification().streamViewType());
        var ttl = dynamo.describeTimeToLive(r -> r.tableName("EventsTable")).timeToLiveDescription();
        assertEquals("expiresAt", ttl.attributeName());
        assertEquals(TimeToLiveStatus.ENABLED, ttl.timeToLiveStatus());
    }

    @Test
    void existingTablesAreLeftAlone() {
        var template = TemplateReader.read(ProjectDir.find().resolve("infrastructure/src/test/resources/fixture-template.yaml"));
        assertEquals(List.of(), new TableBootstrap(template, new LocalValues(template, "")).createMissing(dynamo));
    }

    @Test
    void anIndexTheTemplateGainedIsAddedToAnExistingTable() throws Exception {
        String keys = """
                Resources:
                  UpgradedTable:
                    Type: AWS::DynamoDB::Table
                    Properties:
                      BillingMode: PAY_PER_REQUEST
                      KeySchema:
                        - {AttributeName: id, KeyType: HASH}
                """;
        Path before = Files.createTempFile("before", ".yaml");
        Files.writeString(before, keys + """
                      AttributeDefinitions:
                        - {AttributeName: id, AttributeType: S}
                """);
        Path after = Files.createTempFile("after", ".yaml");
        Files.writeString(after, keys + """
                      AttributeDefinitions:
                        - {AttributeName: id, AttributeType: S}
                        - {AttributeName: ownerFingerprint, AttributeType: S}
                      GlobalSecondaryIndexes:
                        - IndexName: byFingerprint
                          KeySchema:
                            - {AttributeName: ownerFingerprint, KeyType: HASH}
                          Projection: {ProjectionType: INCLUDE, NonKeyAttributes: [name]}
                """);
        var older = TemplateReader.read(before);
        assertEquals(List.of("UpgradedTable"), new TableBootstrap(older, new LocalValues(older, "")).createMissing(dynamo));
        assertTrue(dynamo.describeTable(r -> r.tableName("UpgradedTable")).table().globalSecondaryIndexes().isEmpty());

        var newer = TemplateReader.read(after);
        assertEquals(List.of(), new TableBootstrap(newer, new LocalValues(newer, "")).createMissing(dynamo), "the table exists");

        var gsi = dynamo.describeTable(r -> r.tableName("UpgradedTable")).table().globalSecondaryIndexes().getFirst();
        assertEquals("byFingerprint", gsi.indexName());
        assertEquals(List.of("ownerFingerprint"), gsi.keySchema().stream().map(KeySchemaElement::attributeName).toList());
        assertEquals(List.of("name"), gsi.projection().nonKeyAttributes());
    }
}
