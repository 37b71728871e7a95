package io.promptcms.budget;

import io.promptcms.common.ApiException;
import io.promptcms.common.FieldError;
import java.util.List;

/**
 * Whose budget a request is about. Budgets are per user until teams exist: a request that names a team (scope
 * {@code team}, a {@code teamId} or a {@code team}) is refused as not available yet, any other scope as invalid.
 */
public final class BudgetScope {

    public static final String USER = "user";
    private static final String TEAM = "team";
    private static final String TEAMS_NOT_AVAILABLE = "teams are not available yet: budgets are per user (scope \"user\")";

    private BudgetScope() {
    }

    /**
     * @param scope the scope the request names, null when it names none (the user's)
     * @param namesTeam whether the request names a team by {@code teamId} or {@code team}
     */
    public static void requireUser(String scope, boolean namesTeam) {
        if (namesTeam || TEAM.equals(scope)) {
            throw ApiException.badRequest(TEAMS_NOT_AVAILABLE);
        }
        if (scope != null && !USER.equals(scope)) {
            throw ApiException.validation(List.of(new FieldError("scope", "must be user")));
        }
    }
}
