package io.promptcms.tokens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.promptcms.common.ApiException;
import io.promptcms.common.FieldError;
import io.promptcms.pricing.PriceCatalog;
import io.promptcms.pricing.PriceOverrides;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenCountInputTest {

    private final PriceCatalog catalog = PriceCatalog.shipped(PriceOverrides.NONE, Clock.systemUTC());

    @Test
    void aKnownModelAndATextAreCountedAsTheCatalogNamesTheModel() {
        var input = new TokenCountInput(TextNode.valueOf("héllo 👋"), TextNode.valueOf("GPT-4o-2024-08-06")).validate(catalog::find);
        assertEquals("gpt-4o", input.model().id());
        assertEquals(7, input.characters());
    }

    @Test
    void everyInvalidFieldIsNamedAtOnce() {
        var refused = assertThrows(ApiException.class,
                () -> new TokenCountInput(IntNode.valueOf(42), TextNode.valueOf("gpt-17")).validate(catalog::find));
        assertEquals(List.of("model", "text"), refused.errors().stream().map(FieldError::field).toList());
    }

    @Test
    void aTextOverTheLimitIsRefused() {
        var tooLong = new TokenCountInput(TextNode.valueOf("x".repeat(TokenCountInput.MAX_TEXT_CHARS + 1)), TextNode.valueOf("gpt-4o"));
        assertThrows(ApiException.class, () -> tooLong.validate(catalog::find));
    }
}
