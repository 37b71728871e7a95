package io.promptcms.local.pump;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.promptcms.local.FixtureRuntime;
import io.promptcms.local.RunningRuntime;
import io.promptcms.local.fixture.RecordingScheduleFunction;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class SchedulePumpTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private final RunningRuntime runtime = FixtureRuntime.get();

    private HttpResponse<String> post(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(runtime.gatewayUrl() + path)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void scheduleRunsOnDemandWithScheduledEvent() throws Exception {
        int before = RecordingScheduleFunction.RECEIVED.size();
        var response = post("/_local/schedules/ReportFunction");
        assertEquals(200, response.statusCode(), response.body());
        assertEquals(before + 1, RecordingScheduleFunction.RECEIVED.size());
        var event = RecordingScheduleFunction.RECEIVED.getLast();
        assertEquals("Scheduled Event", event.getDetailType());
        assertEquals("aws.events", event.getSource());
        assertTrue(event.getResources().getFirst().endsWith(":rule/ReportFunction-Daily"));
    }

    @Test
    void unknownScheduleIsNotFound() throws Exception {
        assertEquals(404, post("/_local/schedules/NoSuchFunction").statusCode());
    }
}
