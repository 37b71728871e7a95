package io.promptcms.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.promptcms.common.ApiException;
import io.promptcms.common.FieldError;
import io.promptcms.common.ProblemType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReindexRequestTest {

    @Test
    void anEmptyOrMissingInputRebuilds() {
        assertFalse(ReindexRequest.of(Map.of()).compareOnly());
        assertFalse(ReindexRequest.of(null).compareOnly());
    }

    @Test
    void compareOnlyTrueOnlyCompares() {
        assertTrue(ReindexRequest.of(Map.of("compareOnly", true)).compareOnly());
        assertFalse(ReindexRequest.of(Map.of("compareOnly", false)).compareOnly());
    }

    @Test
    void aMisspelledFieldIsRefusedRatherThanRebuilding() {
        var error = assertThrows(ApiException.class, () -> ReindexRequest.of(Map.of("compare", true)));
        assertEquals(ProblemType.VALIDATION, error.type());
        assertEquals(List.of("compare"), error.errors().stream().map(FieldError::field).toList());
        assertTrue(error.getMessage().contains("compareOnly"));
    }

    @Test
    void aFlagThatIsNotABooleanIsRefused() {
        var error = assertThrows(ApiException.class, () -> ReindexRequest.of(Map.of("compareOnly", "yes")));
        assertEquals(List.of("compareOnly"), error.errors().stream().map(FieldError::field).toList());
    }
}
