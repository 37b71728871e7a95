package io.promptcms.apikey;

import io.promptcms.auth.Principal;
import io.promptcms.auth.Scope;
import io.promptcms.common.ApiException;
import io.promptcms.common.FieldError;
import io.promptcms.common.Ids;
import io.promptcms.common.ProblemType;
import io.promptcms.common.Timestamps;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Select;

/**
 * Creates, lists, revokes and checks API keys. Only the SHA-256 of a key is stored; the secret is returned
 * once, by {@link #create}. A user may hold at most {@value #MAX_KEYS_PER_USER} keys, which keeps the
 * unpaginated list small (and keeps the list free of cursors, which would carry key hashes).
 */
public final class ApiKeyService {

    public static final int MAX_KEYS_PER_USER = 100;
    public static final int MAX_NAME_LENGTH = 100;
    /** lastUsedAt is a hint for humans ("used 3 days ago"), not an audit log: one write a minute per key at most. */
    static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);

    private static final System.Logger LOG = System.getLogger(ApiKeyService.class.getName());

    private final DynamoDbClient dynamo;
    private final DynamoDbTable<ApiKeyItem> table;
    private final String tableName;
    private final Clock clock;

    public ApiKeyService(DynamoDbClient dynamo, String tableName, Clock clock) {
        this.dynamo = dynamo;
        this.table = DynamoDbEnhancedClient.builder().dynamoDbClient(dynamo).build().table(tableName, ApiKeyItem.SCHEMA);
        this.tableName = tableName;
        this.clock = clock;
    }

    /** A new key for the caller, with the requested scopes (default: the caller's), each of which the caller must hold. */
    public CreatedApiKey create(Principal caller, String name, List<String> scopes) {
        List<FieldError> errors = new ArrayList<>();
        String cleanName = validName(name, errors);
        Set<Scope> granted = scopes == null ? caller.scopes() : grantableScopes(caller, scopes, errors);
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
        if (countKeys(caller.userId()) >= MAX_KEYS_PER_USER) {
            throw new ApiException(ProblemType.CONFLICT, "a user holds at most " + MAX_KEYS_PER_USER + " API keys; revoke one first");
        }
        return insert(caller.userId(), cleanName, granted);
    }

    /** The caller's keys, newest first. */
    public List<ApiKeyView> list(Principal caller) {
        return keysOf(caller.userId()).stream().map(ApiKeyView::of).toList();
    }

    /** Deletes the caller's key {@code id}; another user's or a missing key is 404. Takes effect for the next lookup. */
    public void revoke(Principal caller, String id) {
        ApiKeyItem item = Ids.looksLike("key", id) ? findKey(caller.userId(), id).orElse(null) : null;
        if (item == null) {
            throw ApiException.notFound("API key");
        }
        try {
            table.deleteItem(r -> r.key(Key.builder().partitionValue(item.getKeyHash()).build())
                    .conditionExpression(Expression.builder().expression("userId = :user")
                            .putExpressionValue(":user", AttributeValue.fromS(caller.userId())).build()));
        } catch (ConditionalCheckFailedException e) {
            throw ApiException.notFound("API key"); // revoked concurrently
        }
    }

    /**
     * The principal of a presented key, or empty when it is malformed, unknown or revoked. A malformed key
     * (wrong shape or checksum) is refused before any database call.
     */
    public Optional<Principal> authenticate(String rawKey) {
        if (!ApiKeyFormat.isWellFormed(rawKey)) {
            return Optional.empty();
        }
        ApiKeyItem item = table.getItem(r -> r.key(Key.builder().partitionValue(hash(rawKey)).build()).consistentRead(true));
        if (item == null) {
            return Optional.empty();
        }
        recordUse(item);
        Set<Scope> scopes = item.getScopes().stream().map(Scope::parse).flatMap(Optional::stream).collect(Collectors.toSet());
        return Optional.of(new Principal(item.getUserId(), item.getId(), item.getName(), scopes));
    }

    /** Bootstrap (local runtime, ops command): a brand-new user and a key holding every scope. */
    public CreatedApiKey createUserWithKey(String keyName) {
        List<FieldError> errors = new ArrayList<>();
        String cleanName = validName(keyName, errors);
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
        return insert(Ids.newId("usr"), cleanName, EnumSet.allOf(Scope.class));
    }

    private CreatedApiKey insert(String userId, String name, Set<Scope> scopes) {
        String secret = ApiKeyFormat.generate();
        ApiKeyItem item = new ApiKeyItem();
        item.setKeyHash(hash(secret));
        item.setId(Ids.newId("key"));
        item.setUserId(userId);
        item.setName(name);
        item.setPrefix(ApiKeyFormat.displayPrefix(secret));
        item.setScopes(scopes.stream().map(Scope::value).sorted().toList());
        item.setCreatedAt(Timestamps.now(clock));
        table.putItem(r -> r.item(item).conditionExpression(Expression.builder()
                .expression("attribute_not_exists(" + ApiKeyItem.KEY_HASH + ")").build()));
        return new CreatedApiKey(userId, ApiKeyView.of(item), secret);
    }

    private void recordUse(ApiKeyItem item) {
        Instant now = clock.instant();
        Instant threshold = now.minus(LAST_USED_RESOLUTION);
        if (item.getLastUsedAt() != null && Instant.parse(item.getLastUsedAt()).isAfter(threshold)) {
            return;
        }
        try {
            // Conditional, so concurrent requests of one key write at most once a minute; a failure never fails the request.
            dynamo.updateItem(r -> r.tableName(tableName)
                    .key(Map.of(ApiKeyItem.KEY_HASH, AttributeValue.fromS(item.getKeyHash())))
                    .updateExpression("SET #used = :now")
                    .conditionExpression("attribute_exists(#hash) AND (attribute_not_exists(#used) OR #used < :threshold)")
                    .expressionAttributeNames(Map.of("#used", ApiKeyItem.LAST_USED_AT, "#hash", ApiKeyItem.KEY_HASH))
                    .expressionAttributeValues(Map.of(
                            ":now", AttributeValue.fromS(Timestamps.format(now)),
                            ":threshold", AttributeValue.fromS(Timestamps.format(threshold)))));
        } catch (ConditionalCheckFailedException e) {
            // another request recorded the use first, or the key was revoked meanwhile
        } catch (SdkException e) {
            LOG.log(System.Logger.Level.WARNING, "could not record the use of API key " + item.getId(), e);
        }
    }

    private String validName(String name, List<FieldError> errors) {
        String clean = name == null ? "" : name.strip();
        if (clean.isEmpty()) {
            errors.add(new FieldError("name", "is required"));
        } else if (clean.length() > MAX_NAME_LENGTH) {
            errors.add(new FieldError("name", "must be at most " + MAX_NAME_LENGTH + " characters"));
        }
        return clean;
    }

    private static Set<Scope> grantableScopes(Principal caller, List<String> requested, List<FieldError> errors) {
        if (requested.isEmpty()) {
            errors.add(new FieldError("scopes", "must name at least one scope"));
        }
        Set<Scope> granted = EnumSet.noneOf(Scope.class);
        for (int i = 0; i < requested.size(); i++) {
            String value = requested.get(i);
            Optional<Scope> scope = Scope.parse(value);
            if (scope.isEmpty()) {
                errors.add(new FieldError("scopes[" + i + "]", "unknown scope '" + value + "'; known: "
                        + Arrays.stream(Scope.values()).map(Scope::value).collect(Collectors.joining(", "))));
            } else if (!caller.has(scope.get())) {
                errors.add(new FieldError("scopes[" + i + "]", "the calling key does not hold " + value + ", so it cannot grant it"));
            } else {
                granted.add(scope.get());
            }
        }
        return granted;
    }

    private List<ApiKeyItem> keysOf(String userId) {
        return table.index(ApiKeyItem.BY_USER_INDEX)
                .query(QueryEnhancedRequest.builder()
                        .queryConditional(QueryConditional.keyEqualTo(Key.builder().partitionValue(userId).build()))
                        .scanIndexForward(false)
                        .build())
                .stream().flatMap(page -> page.items().stream()).toList();
    }

    private Optional<ApiKeyItem> findKey(String userId, String id) {
        return keysOf(userId).stream().filter(item -> id.equals(item.getId())).findFirst();
    }

    private int countKeys(String userId) {
        return dynamo.query(r -> r.tableName(tableName).indexName(ApiKeyItem.BY_USER_INDEX).select(Select.COUNT)
                .keyConditionExpression("userId = :user")
                .expressionAttributeValues(Map.of(":user", AttributeValue.fromS(userId)))).count();
    }

    static String hash(String rawKey) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(rawKey.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
