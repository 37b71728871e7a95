package io.promptcms.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class QueryTextTest {

    @Test
    void quotedPartsArePhrasesAndTheRestAreTerms() {
        assertEquals(new QueryText("merged notes", List.of("release notes", "pull request")),
                QueryText.parse("merged \"release notes\" notes \"pull request\""));
    }

    @Test
    void unpairedQuoteIsASpace() {
        assertEquals(new QueryText("tone polite", List.of()), QueryText.parse("tone \"polite"));
    }

    @Test
    void emptyQuotesAndBlankTextMeanNothing() {
        assertTrue(QueryText.parse("\"\"  ").isEmpty());
        assertTrue(QueryText.parse(null).isEmpty());
    }
}
