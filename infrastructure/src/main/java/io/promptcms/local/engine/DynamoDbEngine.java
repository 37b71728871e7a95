package io.promptcms.local.engine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

/** DynamoDB Local in this JVM, over HTTP on a loopback port (shared DB: tables do not depend on the access key). */
public final class DynamoDbEngine implements AutoCloseable {

    private final DynamoDBProxyServer server;
    private final int port;

    private DynamoDbEngine(DynamoDBProxyServer server, int port) {
        this.server = server;
        this.port = port;
    }

    /** @param dbPath where the database file lives, or null for an in-memory database */
    public static DynamoDbEngine start(int port, Path dbPath) {
        List<String> args = new ArrayList<>(List.of("-sharedDb", "-port", String.valueOf(port)));
        try {
            if (dbPath == null) {
                args.add("-inMemory");
            } else {
                Files.createDirectories(dbPath);
                args.addAll(List.of("-dbPath", dbPath.toString()));
            }
            DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(args.toArray(String[]::new));
            server.start();
            return new DynamoDbEngine(server, port);
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local did not start on port " + port, e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public void awaitReady(DynamoDbClient client, Duration timeout) {
        Readiness.await("DynamoDB Local", timeout, null, () -> {
            try {
                client.listTables();
                return true;
            } catch (RuntimeException notYet) {
                return false;
            }
        });
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local did not stop", e);
        }
    }
}
