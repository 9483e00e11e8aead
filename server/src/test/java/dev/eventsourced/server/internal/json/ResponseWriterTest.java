package dev.eventsourced.server.internal.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eventsourced.server.Event;
import dev.eventsourced.server.EventPage;
import dev.eventsourced.server.EventType;
import dev.eventsourced.server.SequencedEvent;
import dev.eventsourced.server.testing.Http;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The hand-written page writer produces exactly the JSON a generator would, escapes included. */
class ResponseWriterTest {

    private static final UUID ID = UUID.fromString("0b6a3c1e-6f0e-4a53-9a55-3c1d1b5f2a10");

    @Test
    void page_isExactJson() {
        Event event = new Event(ID, "todos", EventType.UPDATE, "\"k\"", "{\"a\": 1.50}", 1_700_000_000_123L,
                List.of("a", "b"), "phone", 7);

        String json = new String(ResponseWriter.page(new EventPage(List.of(new SequencedEvent(10, event)), 10, true)),
                StandardCharsets.UTF_8);

        assertThat(json).isEqualTo("{\"events\":[{\"globalSeq\":10,\"eventId\":\"0b6a3c1e-6f0e-4a53-9a55-3c1d1b5f2a10\","
                + "\"collectionId\":\"todos\",\"type\":\"update\",\"key\":\"k\",\"payload\":{\"a\": 1.50},"
                + "\"timestamp\":1700000000123,\"cursor\":\"10\",\"fields\":[\"a\",\"b\"],\"clientId\":\"phone\","
                + "\"schemaVersion\":7}],\"cursor\":\"10\",\"hasMore\":true}");
    }

    @Test
    void namesWithQuotesControlCharactersAndUnicode_areEscapedLikeAnyJsonWriter() throws Exception {
        String name = "a\"b\\c\nd\te\u0001f \u00e9 \u6F22 \uD83D\uDE80 </script>";
        Event event = new Event(ID, name, EventType.UPDATE, "1", "{}", 1, List.of(name, "x"), name, null);

        byte[] bytes = ResponseWriter.page(new EventPage(List.of(new SequencedEvent(1, event)), 1, false));

        JsonNode parsed = Http.JSON.readTree(bytes).get("events").get(0);
        assertThat(parsed.get("collectionId").asText()).isEqualTo(name);
        assertThat(parsed.get("clientId").asText()).isEqualTo(name);
        assertThat(parsed.get("fields").get(0).asText()).isEqualTo(name);
        assertThat(new String(bytes, StandardCharsets.UTF_8)).contains("\"a\\\"b\\\\c\\nd\\te\\u0001f \u00e9 \u6F22 \uD83D\uDE80 </script>\"");
    }

    @Test
    void numbers_areWrittenInFullForEveryMagnitude() throws Exception {
        long[] values = {1, 9, 10, 99, 100, 1_000_000_007L, Long.MAX_VALUE};
        for (long value : values) {
            Event event = Event.of(ID, "c", EventType.INSERT, "1", "{}", value);

            JsonNode page = Http.JSON.readTree(ResponseWriter.page(new EventPage(List.of(new SequencedEvent(value, event)), value, false)));

            assertThat(page.get("events").get(0).get("globalSeq").asLong()).isEqualTo(value);
            assertThat(page.get("events").get(0).get("timestamp").asLong()).isEqualTo(value);
            assertThat(page.get("cursor").asText()).isEqualTo(Long.toString(value));
        }
    }

    @Test
    void emptyPage_keepsTheCursor() {
        assertThat(new String(ResponseWriter.page(new EventPage(List.of(), 0, false)), StandardCharsets.UTF_8))
                .isEqualTo("{\"events\":[],\"cursor\":\"0\",\"hasMore\":false}");
    }
}
