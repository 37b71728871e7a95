package io.promptcms.local.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.promptcms.local.template.EventSource.HttpRoute;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RouteTableTest {

    private static RouteTable.Entry route(String method, String path) {
        return new RouteTable.Entry(new HttpRoute(path, method, path, "Api", null), "F", "Api");
    }

    private final RouteTable table = new RouteTable(List.of(
            route("GET", "/p/{id}"), route("GET", "/p/search"), route("ANY", "/files/{path+}"), route("ANY", "$default")));

    @Test
    void literalSegmentBeatsParameter() {
        assertEquals("GET /p/search", table.match("GET", "/p/search").orElseThrow().routeKey());
        var match = table.match("GET", "/p/a%2Fb").orElseThrow();
        assertEquals(Map.of("id", "a/b"), match.pathParameters());
    }

    @Test
    void greedyParameterTakesTheRest() {
        assertEquals(Map.of("path", "a/b/c.txt"), table.match("PUT", "/files/a/b/c.txt").orElseThrow().pathParameters());
    }

    @Test
    void otherMethodOrPathFallsToDefault() {
        assertEquals("$default", table.match("DELETE", "/p/1").orElseThrow().routeKey());
        assertEquals("$default", table.match("GET", "/p/1/extra").orElseThrow().routeKey());
        assertTrue(new RouteTable(List.of(route("GET", "/p/{id}"))).match("GET", "/q").isEmpty());
    }
}
