package io.promptcms.budget;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.promptcms.common.ApiException;
import io.promptcms.common.FieldError;
import java.util.List;
import org.junit.jupiter.api.Test;

class BudgetScopeTest {

    @Test
    void noScopeOrTheUserScopeIsTheCallersBudget() {
        assertDoesNotThrow(() -> BudgetScope.requireUser(null, false));
        assertDoesNotThrow(() -> BudgetScope.requireUser("user", false));
    }

    @Test
    void aTeamIsRefusedAsNotAvailableYet() {
        assertTrue(assertThrows(ApiException.class, () -> BudgetScope.requireUser("team", false)).getMessage().startsWith("teams are not available yet"));
        assertTrue(assertThrows(ApiException.class, () -> BudgetScope.requireUser(null, true)).getMessage().startsWith("teams are not available yet"));
    }

    @Test
    void anyOtherScopeIsInvalid() {
        var refused = assertThrows(ApiException.class, () -> BudgetScope.requireUser("org", false));
        assertEquals(List.of(new FieldError("scope", "must be user")), refused.errors());
    }
}
