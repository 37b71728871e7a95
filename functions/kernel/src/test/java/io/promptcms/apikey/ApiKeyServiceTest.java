package io.promptcms.apikey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.promptcms.auth.Principal;
import io.promptcms.auth.Scope;
import io.promptcms.common.ApiException;
import io.promptcms.common.FieldError;
import io.promptcms.common.Json;
import io.promptcms.common.ProblemType;
import io.promptcms.testing.LocalDynamoDb;
import io.promptcms.testing.MutableClock;
import io.promptcms.testing.TemplateTables;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class ApiKeyServiceTest {

    private static String keysTable;

    private static LocalDynamoDb local;
    private static DynamoDbClient dynamo;

    private final MutableClock clock = new MutableClock(Instant.parse("2025-03-01T10:00:00Z"));
    private ApiKeyService keys;
    private CreatedApiKey alice;
    private CreatedApiKey bob;

    @BeforeAll
    static void startDynamo() {
        local = LocalDynamoDb.create();
        dynamo = local.dynamoDbClient();
        keysTable = TemplateTables.create(dynamo, "keys-").apiKeys();
    }

    @AfterAll
    static void stopDynamo() {
        local.shutdown();
    }

    @BeforeEach
    void twoUsers() {
        keys = new ApiKeyService(dynamo, keysTable, clock);
        alice = keys.createUserWithKey("alice bootstrap");
        bob = keys.createUserWithKey("bob bootstrap");
    }

    @Test
    void bootstrapKeyAuthenticatesWithEveryScope() {
        Principal principal = keys.authenticate(alice.secret()).orElseThrow();
        assertEquals(alice.userId(), principal.userId());
        assertEquals(alice.key().id(), principal.keyId());
        assertEquals("alice bootstrap", principal.keyName());
        assertEquals(EnumSet.allOf(Scope.class), principal.scopes());
        assertTrue(alice.userId().startsWith("usr_"));
        assertTrue(alice.key().id().startsWith("key_"));
        assertEquals(alice.secret().substring(0, 12), alice.key().prefix());
    }

    @Test
    void unknownWellFormedKeyIsRefused() {
        assertTrue(keys.authenticate(ApiKeyFormat.generate()).isEmpty());
    }

    @Test
    void revokedKeyIsRefusedAtOnce() {
        CreatedApiKey extra = keys.create(principal(alice), "ci", null);
        assertTrue(keys.authenticate(extra.secret()).isPresent());

        keys.revoke(principal(alice), extra.key().id());

        assertTrue(keys.authenticate(extra.secret()).isEmpty());
        assertTrue(keys.authenticate(alice.secret()).isPresent(), "other keys keep working");
    }

    @Test
    void callerMayRevokeTheKeyItIsCallingWith() {
        keys.revoke(principal(alice), alice.key().id());
        assertTrue(keys.authenticate(alice.secret()).isEmpty());
    }

    @Test
    void malformedKeyIsRefusedWithoutADatabaseCall() throws IOException {
        // A client pointing at a closed port fails on any call: a malformed key must never get that far.
        try (DynamoDbClient unreachable = unreachableClient()) {
            ApiKeyService offline = new ApiKeyService(unreachable, keysTable, clock);
            String key = alice.secret();
            String typo = key.substring(0, 10) + (key.charAt(10) == 'a' ? 'b' : 'a') + key.substring(11);

            assertTrue(offline.authenticate(typo).isEmpty());
            assertTrue(offline.authenticate("pcms_short").isEmpty());
            assertTrue(offline.authenticate("Bearer " + key).isEmpty());
            assertTrue(offline.authenticate(null).isEmpty());
            // ...while a well-formed key does reach (and fail on) the unreachable database.
            assertThrows(SdkClientException.class, () -> offline.authenticate(key));
        }
    }

    @Test
    void requestedScopesMustBeHeldByTheCaller() {
        Principal readOnly = new Principal(alice.userId(), alice.key().id(), "reader", Set.of(Scope.PROMPTS_READ, Scope.KEYS_MANAGE));

        ApiException e = assertThrows(ApiException.class, () -> keys.create(readOnly, "writer", List.of("prompts:write")));

        assertEquals(ProblemType.VALIDATION, e.type());
        assertEquals("scopes[0]", e.errors().get(0).field());
        assertEquals(1, keys.list(readOnly).size(), "nothing was created");
    }

    @Test
    void unknownScopeIsAFieldError() {
        ApiException e = assertThrows(ApiException.class, () -> keys.create(principal(alice), "x", List.of("prompts:read", "admin")));
        assertEquals(List.of("scopes[1]"), e.errors().stream().map(FieldError::field).toList());
    }

    @Test
    void newKeyDefaultsToTheCallersScopesAndMayNarrowThem() {
        Principal reader = new Principal(alice.userId(), alice.key().id(), "k", Set.of(Scope.PROMPTS_READ, Scope.KEYS_MANAGE));

        CreatedApiKey inherited = keys.create(reader, "inherited", null);
        CreatedApiKey narrowed = keys.create(principal(alice), "narrowed", List.of("prompts:read"));

        assertEquals(List.of("keys:manage", "prompts:read"), inherited.key().scopes());
        assertEquals(Set.of(Scope.PROMPTS_READ), keys.authenticate(narrowed.secret()).orElseThrow().scopes());
    }

    @Test
    void nameIsRequired() {
        ApiException e = assertThrows(ApiException.class, () -> keys.create(principal(alice), "  ", null));
        assertEquals("name", e.errors().get(0).field());
    }

    @Test
    void listIsNewestFirstAndShowsNeitherSecretNorHash() {
        clock.advance(Duration.ofSeconds(1));
        CreatedApiKey second = keys.create(principal(alice), "second", null);
        clock.advance(Duration.ofSeconds(1));
        CreatedApiKey third = keys.create(principal(alice), "third", null);

        List<ApiKeyView> listed = keys.list(principal(alice));

        assertEquals(List.of(third.key().id(), second.key().id(), alice.key().id()), listed.stream().map(ApiKeyView::id).toList());
        String json = Json.write(listed);
        for (CreatedApiKey key : List.of(alice, second, third)) {
            assertFalse(json.contains(key.secret()), "secret leaked");
            assertFalse(json.contains(ApiKeyService.hash(key.secret())), "hash leaked");
        }
        assertFalse(json.contains("keyHash"));
    }

    @Test
    void usersNeitherSeeNorRevokeEachOthersKeys() {
        List<String> bobsIds = keys.list(principal(bob)).stream().map(ApiKeyView::id).toList();
        assertFalse(bobsIds.contains(alice.key().id()));

        ApiException e = assertThrows(ApiException.class, () -> keys.revoke(principal(bob), alice.key().id()));

        assertEquals(ProblemType.NOT_FOUND, e.type());
        assertTrue(keys.authenticate(alice.secret()).isPresent());
    }

    @Test
    void revokingAMissingKeyIsNotFound() {
        assertEquals(ProblemType.NOT_FOUND, assertThrows(ApiException.class, () -> keys.revoke(principal(alice), "key_0000000000000000")).type());
        assertEquals(ProblemType.NOT_FOUND, assertThrows(ApiException.class, () -> keys.revoke(principal(alice), "garbage")).type());
    }

    @Test
    void lastUsedAtIsWrittenAtMostOnceAMinute() {
        assertNull(lastUsedAt(alice));

        keys.authenticate(alice.secret());
        String first = lastUsedAt(alice);
        assertEquals("2025-03-01T10:00:00.000Z", first);

        clock.advance(Duration.ofSeconds(30));
        keys.authenticate(alice.secret());
        assertEquals(first, lastUsedAt(alice));

        clock.advance(Duration.ofSeconds(31));
        keys.authenticate(alice.secret());
        assertEquals("2025-03-01T10:01:01.000Z", lastUsedAt(alice));
        assertEquals("2025-03-01T10:01:01.000Z", keys.list(principal(alice)).get(0).lastUsedAt());
    }

    private static Principal principal(CreatedApiKey key) {
        return new Principal(key.userId(), key.key().id(), key.key().name(), EnumSet.allOf(Scope.class));
    }

    private String lastUsedAt(CreatedApiKey key) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(keysTable).consistentRead(true)
                .key(Map.of("keyHash", AttributeValue.fromS(ApiKeyService.hash(key.secret()))))).item();
        assertNotNull(item);
        AttributeValue value = item.get("lastUsedAt");
        return value == null ? null : value.s();
    }

    private static DynamoDbClient unreachableClient() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        return DynamoDbClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + port))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "x")))
                .overrideConfiguration(c -> c.retryStrategy(b -> b.maxAttempts(1)))
                .build();
    }
}
